using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Platform.Api;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Api;

/// <summary>Correlation ids, security headers, the published documents and health endpoints.</summary>
public abstract class ApiConventionTests(TandemServer server)
{
    [Fact]
    public async Task A_valid_correlation_id_is_echoed_and_lands_in_problem_details()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await server.AdminClient();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/parties/{Guid.NewGuid()}");
        request.Headers.Add(CorrelationIdMiddleware.Header, "order-import_42");
        var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("order-import_42", response.Headers.GetValues(CorrelationIdMiddleware.Header).Single());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("order-import_42", problem.GetProperty("correlationId").GetString());
        Assert.Equal("not_found", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("has spaces in it")]
    [InlineData("<script>")]
    [InlineData("a-correlation-id-that-is-far-too-long-to-be-accepted-by-the-server-at-all")]
    public async Task An_invalid_correlation_id_is_replaced_by_a_generated_one(string presented)
    {
        var ct = TestContext.Current.CancellationToken;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = new StringContent("not json", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(CorrelationIdMiddleware.Header, presented);
        var response = await server.Anonymous().SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var echoed = response.Headers.GetValues(CorrelationIdMiddleware.Header).Single();
        Assert.NotEqual(presented, echoed);
        Assert.Matches("^[a-f0-9]{32}$", echoed);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(echoed, problem.GetProperty("correlationId").GetString());
        Assert.Equal("malformed_request", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/docs")]
    public async Task Documents_and_health_answer_200_with_security_headers(string path)
    {
        var response = await server.Anonymous().GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal(path.StartsWith("/docs", StringComparison.Ordinal) ? SecurityHeadersMiddleware.DocsPolicy : SecurityHeadersMiddleware.AppPolicy, policy);
        // Plain http here: HSTS only goes out over https.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Error_responses_carry_the_security_headers_too()
    {
        var response = await server.Anonymous().GetAsync("/api/v1/parties", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.Contains(CorrelationIdMiddleware.Header));
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_module_endpoints()
    {
        var document = await server.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/parties", paths);
        Assert.Contains("/api/v1/parties/{id}", paths);
        Assert.Contains("/api/v1/catalog/products", paths);
        Assert.Contains("/api/v1/catalog/products/{id}", paths);
        Assert.Contains("/api/v1/auth/token", paths);
    }
}

public sealed class ApiConventionsOnSqlite(SqliteServer server) : ApiConventionTests(server), IClassFixture<SqliteServer>;

public sealed class ApiConventionsOnPostgres(PostgresServer server) : ApiConventionTests(server), IClassFixture<PostgresServer>;

/// <summary>A server whose sign-in limit is low enough to reach in a test.</summary>
public class LowSignInLimitServer : SqliteServer
{
    protected override IEnumerable<string> ExtraArguments => ["--Tandem:RateLimits:SignIn:PermitLimit=3", "--Tandem:RateLimits:SignIn:Window=00:10:00"];
}

/// <summary>Sign-in attempts are limited per client address; the limit is configuration (the provider plays no part).</summary>
public sealed class SignInRateLimitTests(LowSignInLimitServer server) : IClassFixture<LowSignInLimitServer>
{
    [Fact]
    public async Task The_fourth_sign_in_attempt_in_the_window_is_refused_with_429()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = server.Anonymous();
        for (var i = 0; i < 3; i++)
        {
            var allowed = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody@test.local", password = "wrong" }, ct);
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }
        var refused = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = TandemServer.AdminEmail, password = TandemServer.AdminPassword }, ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate_limited", await IdempotencyTests.CodeOf(refused, ct));
        Assert.True(refused.Headers.Contains("Retry-After"));

        // Other endpoints are not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", ct)).StatusCode);
    }
}
