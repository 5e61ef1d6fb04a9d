using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Security;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Api;

/// <summary>Every API endpoint asks for a permission (or is deliberately anonymous), and the matrix names only real permissions.</summary>
public class EndpointSecurityTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Fact]
    public void Every_api_endpoint_requires_authorization_or_is_explicitly_anonymous()
    {
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(endpoints);
        var unguarded = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any())
            .Select(e => e.DisplayName)
            .ToList();
        Assert.Empty(unguarded);
    }

    [Fact]
    public void Endpoint_names_are_unique_across_modules()
    {
        // Routing refuses duplicates only on the first request, with a 500 for every caller; say which here.
        var duplicates = server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .OfType<string>()
            .GroupBy(name => name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_policy_an_endpoint_names_is_a_declared_permission()
    {
        var catalog = server.Services.GetRequiredService<PermissionCatalog>();
        var policies = server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>())
            .Select(a => a.Policy)
            .OfType<string>()
            .Distinct();
        Assert.All(policies, policy => Assert.Contains(policy, catalog.Names));
    }

    [Fact]
    public void The_matrix_grants_only_declared_permissions_and_admin_holds_them_all()
    {
        var catalog = server.Services.GetRequiredService<PermissionCatalog>();
        foreach (var role in Roles.All)
        {
            foreach (var pattern in PermissionMatrix.PatternsOf(role))
                Assert.True(pattern is "*" or "*.read" || catalog.Names.Contains(pattern), $"{role} is granted undeclared permission {pattern}");
        }
        Assert.Equal(catalog.Names.Count, catalog.For([Roles.Admin]).Count);
    }

    [Fact]
    public void The_executive_reads_everything_and_writes_nothing()
    {
        var granted = server.Services.GetRequiredService<PermissionCatalog>().For([Roles.Executive]);
        Assert.Contains("parties.read", granted);
        Assert.DoesNotContain(granted, p => !p.EndsWith(".read", StringComparison.Ordinal));
    }
}
