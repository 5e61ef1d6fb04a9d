using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Api;

/// <summary>A server behind a TLS-ending reverse proxy on the same machine, with a sign-in limit low enough to reach.</summary>
public class ReverseProxyServer : SqliteServer
{
    protected override IEnumerable<string> ExtraArguments =>
        ["--Tandem:ReverseProxy:Enabled=true", "--Tandem:RateLimits:SignIn:PermitLimit=3", "--Tandem:RateLimits:SignIn:Window=00:10:00"];
}

/// <summary>
/// Behind a reverse proxy: HSTS goes out when the client reached the proxy over https, and sign-in attempts are counted
/// per client the proxy names, not per proxy (else one guesser would lock every user out).
/// </summary>
public sealed class ReverseProxyTests(ReverseProxyServer server) : IClassFixture<ReverseProxyServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hsts_goes_out_only_for_clients_that_came_over_https()
    {
        var client = server.Anonymous();
        var overHttps = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        overHttps.Headers.Add("X-Forwarded-Proto", "https");
        var secure = await client.SendAsync(overHttps, Ct);
        Assert.Equal("max-age=31536000; includeSubDomains", secure.Headers.GetValues("Strict-Transport-Security").Single());

        var overHttp = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        overHttp.Headers.Add("X-Forwarded-Proto", "http");
        Assert.False((await client.SendAsync(overHttp, Ct)).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Over_https_the_sign_in_cookie_is_marked_secure()
    {
        _ = server.Anonymous(); // skips loudly if the server is unavailable
        using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.44");
        var page = await client.GetAsync("/login", Ct);
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgeryCookie, StringComparison.OrdinalIgnoreCase);
        var token = WebUtility.HtmlDecode(AntiforgeryTests.FieldOf(await page.Content.ReadAsStringAsync(Ct)));
        var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = token,
                ["Input.Email"] = TandemServer.AdminEmail, ["Input.Password"] = TandemServer.AdminPassword,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie.Split(';')[0]);
        var signedIn = await client.SendAsync(post, Ct);
        var authCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tandem.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", authCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_sign_in_limit_counts_each_forwarded_client_apart()
    {
        var client = server.Anonymous();
        Task<HttpResponseMessage> SignIn(string from)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
            {
                Content = JsonContent.Create(new { email = "nobody@test.local", password = "wrong" }),
            };
            request.Headers.Add("X-Forwarded-For", from);
            return client.SendAsync(request, Ct);
        }

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn("203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignIn("203.0.113.7")).StatusCode);
        // Another person behind the same proxy still signs in.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn("198.51.100.20")).StatusCode);
    }
}

/// <summary>Without a reverse proxy configured, forwarded headers are anyone's words and change nothing.</summary>
public sealed class ForwardedHeadersIgnoredTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Fact]
    public async Task A_forwarded_https_scheme_is_ignored_when_no_proxy_is_configured()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await server.Anonymous().SendAsync(request, TestContext.Current.CancellationToken);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}

/// <summary>The sign-in form takes a post only with the antiforgery token of the form it came from.</summary>
public sealed partial class AntiforgeryTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sign_in_post_without_its_antiforgery_token_is_refused_and_signs_nobody_in()
    {
        _ = server.Anonymous(); // skips loudly if the server is unavailable
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        var form = await client.GetStringAsync("/login", Ct);
        var token = WebUtility.HtmlDecode(FieldOf(form));
        Assert.NotEmpty(token);
        Dictionary<string, string> Fields(string? antiforgery)
        {
            var fields = new Dictionary<string, string>
            {
                ["_handler"] = "login", ["Input.Email"] = TandemServer.AdminEmail, ["Input.Password"] = TandemServer.AdminPassword,
            };
            if (antiforgery is not null)
                fields["__RequestVerificationToken"] = antiforgery;
            return fields;
        }

        var without = await client.PostAsync("/login", new FormUrlEncodedContent(Fields(null)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        var forged = await client.PostAsync("/login", new FormUrlEncodedContent(Fields("CfDJ8-forged-token")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(handler.CookieContainer.GetAllCookies(), c => c.Name == "tandem.auth");

        var genuine = await client.PostAsync("/login", new FormUrlEncodedContent(Fields(token)), Ct);
        Assert.True(genuine.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, $"sign-in answered {(int)genuine.StatusCode}");
        Assert.Contains(handler.CookieContainer.GetAllCookies(), c => c.Name == "tandem.auth");
    }

    /// <summary>The antiforgery token a page's form carries.</summary>
    public static string FieldOf(string page) => AntiforgeryField().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

/// <summary>A server that logs everything, down to debug, into a recorder.</summary>
public class VerboseLoggingSqliteServer : SqliteServer
{
    public RecordingLoggerProvider Log { get; } = new();

    protected override IEnumerable<string> ExtraArguments => ["--Logging:LogLevel:Default=Debug", "--Logging:LogLevel:Microsoft.AspNetCore=Debug"];

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(Log);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug));
    }
}

/// <summary>
/// Passwords (right and wrong), access tokens, personal token secrets and webhook signing secrets pass through the
/// server in requests and answers; none of them may reach a log line, at any level.
/// </summary>
public sealed class SecretsStayOutOfLogsTests(VerboseLoggingSqliteServer server) : IClassFixture<VerboseLoggingSqliteServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_password_token_or_secret_appears_in_any_log_line()
    {
        var admin = await server.AdminClient();
        var password = "Pw-" + Guid.NewGuid().ToString("N");
        var email = $"secret-{Guid.NewGuid():N}@test.local";
        var created = await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email, displayName = "Secret Keeper", password, memberships = new[] { new { companyId = server.DemoCompanyId, roles = new[] { "admin" } } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var wrongPassword = "Wrong-" + Guid.NewGuid().ToString("N");
        var refused = await server.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email, password = wrongPassword }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var user = await server.ClientFor(email, password);
        var accessToken = user.DefaultRequestHeaders.Authorization!.Parameter!;

        var personal = await user.PostAsJsonAsync("/api/v1/auth/personal-tokens", new { name = "script" }, Ct);
        Assert.Equal(HttpStatusCode.Created, personal.StatusCode);
        var personalToken = (await personal.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("token").GetString()!;
        using var script = server.Anonymous();
        script.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", personalToken);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/auth/me", Ct)).StatusCode);

        var hook = await user.PostAsJsonAsync("/api/v1/platform/webhooks", new { url = "https://hooks.example.com/tandem", events = new[] { "party.registered" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        var webhookSecret = (await hook.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("secret").GetString()!;

        var lines = server.Log.Lines.ToList();
        Assert.NotEmpty(lines);
        foreach (var (label, secret) in new[] { ("password", password), ("wrong password", wrongPassword), ("access token", accessToken), ("personal token", personalToken), ("webhook secret", webhookSecret) })
        {
            var leaked = lines.FirstOrDefault(l => l.Message.Contains(secret, StringComparison.Ordinal)
                || l.Scope.Values.Any(v => v?.ToString()?.Contains(secret, StringComparison.Ordinal) == true));
            Assert.True(leaked == default, $"the {label} is in a log line of {leaked.Category}: {leaked.Message}");
        }
    }
}
