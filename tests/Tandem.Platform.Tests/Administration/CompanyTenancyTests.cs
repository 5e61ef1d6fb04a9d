using System.Net;
using System.Net.Http.Json;
using Tandem.Testing;
using static Tandem.Platform.Tests.Administration.AdminApi;

namespace Tandem.Platform.Tests.Administration;

/// <summary>Companies keep their records apart; a user of several companies chooses one per request.</summary>
public abstract class CompanyTenancyTests(TandemServer server)
{
    private static string NewCode() => "C" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [Fact]
    public async Task Creating_a_company_makes_the_creator_its_admin()
    {
        var admin = await server.AdminClient();
        var code = NewCode();
        var id = await CreateCompanyAsync(admin, code);

        var mine = await (await admin.GetAsync("/api/v1/auth/companies", Ct)).ReadAsync();
        var entry = mine.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal(["admin"], entry.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(entry.GetProperty("isDefault").GetBoolean());

        var listed = await (await admin.GetAsync("/api/v1/admin/companies", Ct)).ReadAsync();
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("code").GetString() == code);

        await (await admin.PostAsJsonAsync("/api/v1/admin/companies", new { code, name = "Again" }, Ct))
            .AssertProblemAsync(HttpStatusCode.Conflict, "company_code_taken");
        await (await admin.PostAsJsonAsync("/api/v1/admin/companies", new { code = "bad code!", name = "", currency = "euro" }, Ct))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task User_of_company_B_cannot_see_company_A_records()
    {
        var admin = await server.AdminClient();
        var companyB = await CreateCompanyAsync(admin, NewCode());
        var email = NewEmail("b");
        await CreateUserAsync(admin, email, (companyB, ["sales_rep", "sales_manager"]));
        var name = "OnlyInA " + Guid.NewGuid().ToString("N")[..8];
        var partyOfA = (await RegisterPartyAsync(admin, name)).GetProperty("id").GetGuid();

        var userOfB = await server.ClientFor(email, "User-Password-1");
        await (await userOfB.GetAsync($"/api/v1/parties/{partyOfA}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var list = await (await userOfB.GetAsync($"/api/v1/parties/?name={Uri.EscapeDataString(name)}", Ct)).ReadAsync();
        Assert.Empty(list.GetProperty("items").EnumerateArray());
        var all = await (await userOfB.GetAsync("/api/v1/parties/?limit=500", Ct)).ReadAsync();
        Assert.Empty(all.GetProperty("items").EnumerateArray());
        // Nor its history (sales managers may read the audit trail of their own company).
        await (await userOfB.GetAsync($"/api/v1/audit/Party/{partyOfA}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        // Nor may they pick company A with the header.
        var pick = await SendAsync(userOfB, HttpMethod.Get, "/api/v1/parties/", company: server.DemoCompanyId);
        await pick.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task User_of_two_companies_switches_with_the_company_header_and_sees_each_ones_data()
    {
        var admin = await server.AdminClient();
        var companyB = await CreateCompanyAsync(admin, NewCode());
        var tag = Guid.NewGuid().ToString("N")[..8];
        await RegisterPartyAsync(admin, $"Switch {tag} in A");
        await RegisterPartyAsync(admin, $"Switch {tag} in B", companyB);
        var email = NewEmail("two");
        await CreateUserAsync(admin, email, (server.DemoCompanyId, ["sales_rep"]), (companyB, ["service_agent"]));
        var user = await server.ClientFor(email, "User-Password-1");

        var companies = await (await user.GetAsync("/api/v1/auth/companies", Ct)).ReadAsync();
        Assert.Equal(2, companies.GetArrayLength());
        Assert.True(companies.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == server.DemoCompanyId).GetProperty("isDefault").GetBoolean());

        async Task<List<string>> NamesIn(Guid? company)
        {
            var response = await SendAsync(user, HttpMethod.Get, $"/api/v1/parties/?name={Uri.EscapeDataString("Switch " + tag)}", company: company);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.ReadAsync()).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList();
        }

        Assert.Equal([$"Switch {tag} in A"], await NamesIn(null));
        Assert.Equal([$"Switch {tag} in A"], await NamesIn(server.DemoCompanyId));
        Assert.Equal([$"Switch {tag} in B"], await NamesIn(companyB));

        // Roles follow the company: a sales rep in A may register parties, a service agent in B may not.
        var me = await (await SendAsync(user, HttpMethod.Get, "/api/v1/auth/me", company: companyB)).ReadAsync();
        Assert.Equal(["service_agent"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var refused = await SendAsync(user, HttpMethod.Post, "/api/v1/parties/", new { kind = "person", name = "Nope" }, company: companyB);
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}

public sealed class CompanyTenancyOnSqlite(SqliteServer server) : CompanyTenancyTests(server), IClassFixture<SqliteServer>;

public sealed class CompanyTenancyOnPostgres(PostgresServer server) : CompanyTenancyTests(server), IClassFixture<PostgresServer>;
