using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tandem.Platform.Tests.Outbox;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Api;

/// <summary>Two server nodes on one PostgreSQL database: a user signed in on one is signed in on the other.</summary>
public sealed partial class ScaleOutSignInTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_sign_in_cookie_issued_by_one_node_is_accepted_by_another()
    {
        var ct = TestContext.Current.CancellationToken;
        _ = server.Anonymous(); // skips loudly where PostgreSQL is missing
        var second = new SecondPostgresNode(server.ConnectionString);
        await second.InitializeAsync();
        try
        {
            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            using var first = new HttpClient(handler, disposeHandler: false) { BaseAddress = server.BaseAddress };
            using var other = new HttpClient(handler, disposeHandler: false) { BaseAddress = second.BaseAddress };

            // The sign-in form of node one, with its antiforgery token.
            var form = await first.GetStringAsync("/login", ct);
            var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;
            Assert.NotEmpty(antiforgery);
            var response = await first.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery),
                ["Input.Email"] = TandemServer.AdminEmail,
                ["Input.Password"] = TandemServer.AdminPassword,
            }), ct);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.OK,
                $"sign-in answered {(int)response.StatusCode}");
            Assert.Contains(handler.CookieContainer.GetAllCookies(), c => c.Name == "tandem.auth");

            // Node two reads the cookie node one wrote: the keys that protect it are shared through the database.
            var me = await other.GetAsync("/api/v1/auth/me", ct);
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Equal("Administrator", (await me.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("name").GetString());

            // Both nodes of this test share a machine, so only the database copy of the key ring proves nodes on other machines would work.
            await using var connection = new Npgsql.NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync(ct);
            await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM platform.data_protection_keys", connection);
            Assert.True((long)(await count.ExecuteScalarAsync(ct))! >= 1);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
