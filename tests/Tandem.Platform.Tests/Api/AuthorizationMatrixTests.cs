using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Security;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Api;

/// <summary>
/// The authorisation matrix, generated: every API endpoint, called by a user holding each role alone, answers as the
/// permission matrix says: 403 when the role lacks a permission the endpoint asks for, and otherwise anything but 401
/// or 403 (route values are random ids and bodies are empty, so an allowed call ends in 404 or 400 or succeeds).
/// Authorization runs before any handler, on either database, so SQLite stands for both.
/// </summary>
public sealed class AuthorizationMatrixTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_endpoint_allows_exactly_the_roles_the_matrix_grants_its_permissions()
    {
        var catalog = server.Services.GetRequiredService<PermissionCatalog>();
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (Endpoint: e, Method: method)))
            .OrderBy(e => e.Endpoint.RoutePattern.RawText, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();
        Assert.True(endpoints.Count > 100, $"Only {endpoints.Count} endpoints were found.");

        var wrong = new List<string>();
        var calls = 0;
        foreach (var role in Roles.All)
        {
            var (email, password) = await server.CreateUserAsync([role]);
            using var client = await server.ClientFor(email, password);
            var granted = catalog.For([role]);
            foreach (var (endpoint, method) in endpoints)
            {
                var required = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
                var allowed = required.All(granted.Contains);
                using var request = new HttpRequestMessage(new HttpMethod(method), Url(endpoint.RoutePattern));
                using var response = await client.SendAsync(request, Ct);
                calls++;
                var status = response.StatusCode;
                if (allowed ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : status != HttpStatusCode.Forbidden)
                    wrong.Add($"{role} {method} {endpoint.RoutePattern.RawText} [{string.Join(", ", required)}]: {(int)status}, expected {(allowed ? "allowed" : "403")}");
            }
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {calls} calls answered against the matrix:\n{string.Join("\n", wrong.Take(40))}");
    }

    /// <summary>The route with each parameter filled: a new id where a guid is expected, a number or a word elsewhere.</summary>
    private static string Url(RoutePattern pattern)
    {
        var values = pattern.Parameters.ToDictionary(p => p.Name, p =>
            p.ParameterPolicies.Any(policy => policy.Content is "guid") ? Guid.NewGuid().ToString()
            : p.ParameterPolicies.Any(policy => policy.Content is "int" or "long") ? "1"
            : "matrix");
        var path = string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => values[parameter.Name],
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));
        return "/" + path;
    }
}
