using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Identity;
using Tandem.Testing;
using static Tandem.Platform.Tests.Administration.AdminApi;

namespace Tandem.Platform.Tests.Administration;

/// <summary>Administrators create, invite, change and deactivate users; everyone else is kept out.</summary>
public abstract class UserAdministrationTests(TandemServer server)
{
    [Fact]
    public async Task Created_user_signs_in_with_the_roles_given_in_the_company()
    {
        var admin = await server.AdminClient();
        var email = NewEmail("rep");
        var user = await CreateUserAsync(admin, email, (server.DemoCompanyId, ["sales_rep"]));
        Assert.True(user.GetProperty("hasPassword").GetBoolean());
        Assert.Equal("sales_rep", user.GetProperty("memberships")[0].GetProperty("roles")[0].GetString());

        var rep = await server.ClientFor(email, "User-Password-1");
        var me = await (await rep.GetAsync("/api/v1/auth/me", Ct)).ReadAsync();
        Assert.Equal(server.DemoCompanyId.ToString(), me.GetProperty("companyId").GetString());
        Assert.Contains("parties.write", me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));

        var fetched = await admin.GetAsync($"/api/v1/admin/users/{user.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal($"\"{user.GetProperty("version").GetString()}\"", fetched.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Create_user_with_unknown_role_or_company_is_refused_and_writes_nothing()
    {
        var admin = await server.AdminClient();
        var email = NewEmail("bad");
        var response = await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email,
            password = "User-Password-1",
            memberships = new object[]
            {
                new { companyId = server.DemoCompanyId, roles = new[] { "pope" } },
                new { companyId = Guid.NewGuid(), roles = new[] { "sales_rep" } },
            },
        }, Ct);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var errors = (await response.ReadAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("memberships[0].roles", out _));
        Assert.True(errors.TryGetProperty("memberships[1].companyId", out _));

        var shortPassword = await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email,
            password = "short",
            memberships = new[] { new { companyId = server.DemoCompanyId, roles = new[] { "sales_rep" } } },
        }, Ct);
        await shortPassword.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        // Null where a membership or a role belongs is a field error, not a crash (found by the generated-input test).
        var nulls = await admin.PostAsJsonAsync("/api/v1/admin/users/invite", new
        {
            email,
            memberships = new object?[] { new { companyId = server.DemoCompanyId, roles = new string?[] { "sales_rep", null } }, null },
        }, Ct);
        await nulls.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var nullErrors = (await nulls.ReadAsync()).GetProperty("errors");
        Assert.True(nullErrors.TryGetProperty("memberships[0].roles", out _));
        Assert.True(nullErrors.TryGetProperty("memberships[1]", out _));

        await using var scope = server.ScopeFor();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>().FindByEmailAsync(email));
    }

    [Fact]
    public async Task Creating_a_user_with_a_taken_email_is_a_conflict()
    {
        var admin = await server.AdminClient();
        var email = NewEmail("dup");
        await CreateUserAsync(admin, email, (server.DemoCompanyId, ["sales_rep"]));
        var again = await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email,
            password = "User-Password-1",
            memberships = new[] { new { companyId = server.DemoCompanyId, roles = new[] { "sales_rep" } } },
        }, Ct);
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "email_taken");
    }

    [Fact]
    public async Task Invited_user_sets_a_password_with_the_link_once_and_then_signs_in()
    {
        var admin = await server.AdminClient();
        var email = NewEmail("inv");
        var response = await admin.PostAsJsonAsync("/api/v1/admin/users/invite", new
        {
            email,
            displayName = "Invited Person",
            memberships = new[] { new { companyId = server.DemoCompanyId, roles = new[] { "accountant" } } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var invitation = await response.ReadAsync();
        Assert.False(invitation.GetProperty("user").GetProperty("hasPassword").GetBoolean());
        var token = invitation.GetProperty("token").GetString()!;
        Assert.StartsWith("/account/set-password?email=", invitation.GetProperty("link").GetString(), StringComparison.Ordinal);
        var expiresIn = invitation.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        Assert.InRange(expiresIn, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7));

        // No password yet: signing in fails like any wrong password.
        await (await SignInAsync(server, email, "Chosen-Password-1")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");

        var anonymous = server.Anonymous();
        var wrongToken = await anonymous.PostAsJsonAsync("/api/v1/auth/set-password", new { email, token = "forged", password = "Chosen-Password-1" }, Ct);
        await wrongToken.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_token");

        var set = await anonymous.PostAsJsonAsync("/api/v1/auth/set-password", new { email, token, password = "Chosen-Password-1" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(server, email, "Chosen-Password-1")).StatusCode);

        // The token was for one use: the password change renewed the security stamp it was bound to.
        var reuse = await anonymous.PostAsJsonAsync("/api/v1/auth/set-password", new { email, token, password = "Other-Password-2" }, Ct);
        await reuse.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_token");
    }

    [Fact]
    public async Task Deactivated_users_token_stops_working_at_once_and_reactivation_restores_sign_in()
    {
        var admin = await server.AdminClient();
        var email = NewEmail("deact");
        var id = (await CreateUserAsync(admin, email, (server.DemoCompanyId, ["sales_rep"]))).GetProperty("id").GetGuid();
        var user = await server.ClientFor(email, "User-Password-1");
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/parties/", Ct)).StatusCode);

        var deactivated = await admin.PostAsync($"/api/v1/admin/users/{id}/deactivate", null, Ct);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False((await deactivated.ReadAsync()).GetProperty("isActive").GetBoolean());

        await (await user.GetAsync("/api/v1/parties/", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await (await SignInAsync(server, email, "User-Password-1")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/admin/users/{id}/reactivate", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/parties/", Ct)).StatusCode);

        // Both changes are in the user's audit trail, newest first.
        var history = await (await admin.GetAsync($"/api/v1/audit/User/{id}", Ct)).ReadAsync();
        var activeChanges = history.EnumerateArray().Where(e => e.GetProperty("changes").TryGetProperty("isActive", out _)).ToList();
        Assert.Equal(2, activeChanges.Count);
        Assert.True(activeChanges[0].GetProperty("changes").GetProperty("isActive").GetProperty("after").GetBoolean());
        Assert.False(activeChanges[1].GetProperty("changes").GetProperty("isActive").GetProperty("after").GetBoolean());
        Assert.Equal("Administrator", activeChanges[1].GetProperty("userName").GetString());
    }

    [Fact]
    public async Task Admin_cannot_deactivate_themselves()
    {
        var admin = await server.AdminClient();
        var me = await (await admin.GetAsync("/api/v1/auth/me", Ct)).ReadAsync();
        var response = await admin.PostAsync($"/api/v1/admin/users/{me.GetProperty("userId").GetGuid()}/deactivate", null, Ct);
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "cannot_deactivate_self");
    }

    [Fact]
    public async Task Changing_roles_needs_the_current_version_and_is_audited()
    {
        var admin = await server.AdminClient();
        var created = await CreateUserAsync(admin, NewEmail("roles"), (server.DemoCompanyId, ["sales_rep"]));
        var id = created.GetProperty("id").GetGuid();
        var etag = $"\"{created.GetProperty("version").GetString()}\"";
        var body = new { memberships = new[] { new { companyId = server.DemoCompanyId, roles = new[] { "sales_manager", "marketing" } } } };

        await (await SendAsync(admin, HttpMethod.Put, $"/api/v1/admin/users/{id}/memberships", body))
            .AssertProblemAsync(HttpStatusCode.PreconditionRequired, "if_match_required");
        await (await SendAsync(admin, HttpMethod.Put, $"/api/v1/admin/users/{id}/memberships", body, ifMatch: "\"stale\""))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "version_mismatch");

        var changed = await SendAsync(admin, HttpMethod.Put, $"/api/v1/admin/users/{id}/memberships", body, ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var roles = (await changed.ReadAsync()).GetProperty("memberships")[0].GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Order();
        Assert.Equal(["marketing", "sales_manager"], roles);
        // The old ETag is spent.
        await (await SendAsync(admin, HttpMethod.Put, $"/api/v1/admin/users/{id}/memberships", body, ifMatch: etag))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "version_mismatch");

        var history = await (await admin.GetAsync($"/api/v1/audit/User/{id}", Ct)).ReadAsync();
        var latest = history[0];
        Assert.Equal("Update", latest.GetProperty("action").GetString());
        Assert.Equal(2, latest.GetProperty("sequence").GetInt64());
        var change = latest.GetProperty("changes").GetProperty("roles");
        Assert.Equal(["sales_rep"], change.GetProperty("before").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["sales_manager", "marketing"], change.GetProperty("after").EnumerateArray().Select(r => r.GetString()));

        // Adding a second company continues the same user's chain.
        var second = await CreateCompanyAsync(admin, "R" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        var current = (await (await admin.GetAsync($"/api/v1/admin/users/{id}", Ct)).ReadAsync()).GetProperty("version").GetString();
        var both = new
        {
            memberships = new[]
            {
                new { companyId = server.DemoCompanyId, roles = new[] { "sales_manager", "marketing" } },
                new { companyId = second, roles = new[] { "warehouse" } },
            },
        };
        var added = await SendAsync(admin, HttpMethod.Put, $"/api/v1/admin/users/{id}/memberships", both, ifMatch: $"\"{current}\"");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(2, (await added.ReadAsync()).GetProperty("memberships").GetArrayLength());
        var inSecond = await (await SendAsync(admin, HttpMethod.Get, $"/api/v1/audit/User/{id}", company: second)).ReadAsync();
        Assert.Equal("Insert", inSecond[0].GetProperty("action").GetString());
        Assert.Equal(3, inSecond[0].GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task Admin_cannot_grant_membership_in_a_company_they_do_not_administer()
    {
        var admin = await server.AdminClient();
        var foreign = await server.CreateCompanyAsync("F" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        var response = await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email = NewEmail("foreign"),
            password = "User-Password-1",
            memberships = new[] { new { companyId = foreign, roles = new[] { "admin" } } },
        }, Ct);
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "not_company_admin");
    }

    [Fact]
    public async Task Sales_rep_calling_admin_endpoints_is_forbidden()
    {
        var (email, password) = await server.CreateUserAsync(["sales_rep"]);
        var rep = await server.ClientFor(email, password);
        await (await rep.GetAsync("/api/v1/admin/users", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await rep.PostAsJsonAsync("/api/v1/admin/companies", new { code = "X", name = "X" }, Ct)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await rep.GetAsync($"/api/v1/audit/Party/{Guid.NewGuid()}", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Malformed_json_to_admin_endpoints_is_a_400_malformed_request()
    {
        var admin = await server.AdminClient();
        foreach (var (method, url) in new[]
                 {
                     (HttpMethod.Post, "/api/v1/admin/users"),
                     (HttpMethod.Post, "/api/v1/admin/users/invite"),
                     (HttpMethod.Put, $"/api/v1/admin/users/{Guid.NewGuid()}/memberships"),
                     (HttpMethod.Post, "/api/v1/admin/companies"),
                 })
        {
            using var request = new HttpRequestMessage(method, url) { Content = new StringContent("{\"email\": ", Encoding.UTF8, "application/json") };
            await (await admin.SendAsync(request, Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
            using var wrongType = new HttpRequestMessage(method, url) { Content = new StringContent("{\"memberships\": 5}", Encoding.UTF8, "application/json") };
            await (await admin.SendAsync(wrongType, Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        }
    }

    [Fact]
    public async Task Users_list_pages_by_email_with_a_cursor()
    {
        var admin = await server.AdminClient();
        for (var i = 0; i < 3; i++)
            await CreateUserAsync(admin, NewEmail("page"), (server.DemoCompanyId, ["warehouse"]));
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync("/api/v1/admin/users?limit=2" + (cursor is null ? "" : "&after=" + cursor), Ct)).ReadAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.True(seen.Count >= 4);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(seen.Order(StringComparer.Ordinal).ToList(), seen);
        await (await admin.GetAsync("/api/v1/admin/users?after=%%%", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Wrong_password_is_401_and_five_wrong_passwords_lock_the_account()
    {
        var (email, password) = await server.CreateUserAsync(["sales_rep"]);
        Guid userId;
        string? stamp, hash;
        await using (var scope = server.ScopeFor())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>().FindByEmailAsync(email);
            (userId, stamp, hash) = (user!.Id, user.SecurityStamp, user.PasswordHash);
        }
        var auditRowsBefore = await AuditRowCountAsync();

        await (await SignInAsync(server, email, "wrong-password")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await using (var scope = server.ScopeFor())
        {
            // The failed count is the only thing a wrong password writes.
            var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, Ct);
            Assert.Equal(1, user.AccessFailedCount);
            Assert.Null(user.LockoutEnd);
            Assert.Equal(stamp, user.SecurityStamp);
            Assert.Equal(hash, user.PasswordHash);
            Assert.True(user.IsActive);
            Assert.Equal(0, await db.ApiTokens.CountAsync(t => t.UserId == userId, Ct));
        }
        Assert.Equal(auditRowsBefore, await AuditRowCountAsync());

        for (var attempt = 2; attempt <= 4; attempt++)
            await (await SignInAsync(server, email, "wrong-password")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        // The fifth failure locks the account; then even the right password is refused.
        await (await SignInAsync(server, email, "wrong-password")).AssertProblemAsync((HttpStatusCode)423, "account_locked");
        await (await SignInAsync(server, email, password)).AssertProblemAsync((HttpStatusCode)423, "account_locked");
    }

    private async Task<int> AuditRowCountAsync()
    {
        await using var scope = server.ScopeFor();
        return await scope.ServiceProvider.GetRequiredService<PlatformDb>().AuditLog.CountAsync(Ct);
    }
}

public sealed class UserAdministrationOnSqlite(SqliteServer server) : UserAdministrationTests(server), IClassFixture<SqliteServer>;

public sealed class UserAdministrationOnPostgres(PostgresServer server) : UserAdministrationTests(server), IClassFixture<PostgresServer>;
