using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Catalog.Data;
using Tandem.Catalog.Features;
using Tandem.Catalog.Features.CreateProduct;
using Tandem.Parties.Contracts;
using Tandem.Parties.Data;
using Tandem.Parties.Features;
using Tandem.Parties.Features.RegisterParty;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Api;

/// <summary>Module contexts share one connection and one transaction: a use case spanning modules commits or rolls back whole.</summary>
public abstract class UnitOfWorkTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_modules_saved_in_one_unit_of_work_roll_back_together()
    {
        var name = "Rollback " + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = server.ScopeFor())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            await using var unit = await session.BeginAsync(Ct);
            await SaveInBothModules(scope.ServiceProvider, name);
            // Disposed without CommitAsync: everything above is rolled back, the party number included.
        }
        await using var check = server.ScopeFor();
        Assert.False(await check.ServiceProvider.GetRequiredService<PartiesDb>().Parties.AnyAsync(p => p.Name == name, Ct));
        Assert.False(await check.ServiceProvider.GetRequiredService<CatalogDb>().Products.AnyAsync(p => p.Name == name, Ct));
    }

    [Fact]
    public async Task Two_modules_saved_in_one_unit_of_work_commit_together()
    {
        var name = "Commit " + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = server.ScopeFor())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            await using var unit = await session.BeginAsync(Ct);
            await SaveInBothModules(scope.ServiceProvider, name);
            await unit.CommitAsync(Ct);
        }
        await using var check = server.ScopeFor();
        Assert.True(await check.ServiceProvider.GetRequiredService<PartiesDb>().Parties.AnyAsync(p => p.Name == name, Ct));
        Assert.True(await check.ServiceProvider.GetRequiredService<CatalogDb>().Products.AnyAsync(p => p.Name == name, Ct));
    }

    [Fact]
    public async Task Records_are_stamped_with_the_current_company_and_invisible_to_others()
    {
        var name = "Scoped " + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = server.ScopeFor())
            Assert.True((await scope.ServiceProvider.GetRequiredService<RegisterPartyHandler>().HandleAsync(new PartyInput(PartyKind.Person, name), Ct)).IsSuccess);

        var other = await server.CreateCompanyAsync("UOW" + Guid.NewGuid().ToString("N")[..4]);
        await using var elsewhere = server.ScopeFor(other);
        var db = elsewhere.ServiceProvider.GetRequiredService<PartiesDb>();
        Assert.False(await db.Parties.AnyAsync(p => p.Name == name, Ct));
        var stored = await db.Parties.IgnoreQueryFilters().SingleAsync(p => p.Name == name, Ct);
        Assert.Equal(server.DemoCompanyId, stored.CompanyId);
    }

    private static async Task SaveInBothModules(IServiceProvider services, string name)
    {
        var party = await services.GetRequiredService<RegisterPartyHandler>().HandleAsync(new PartyInput(PartyKind.Organisation, name), Ct);
        Assert.True(party.IsSuccess);
        var product = await services.GetRequiredService<CreateProductHandler>().HandleAsync(
            new ProductInput("UOW-" + Guid.NewGuid().ToString("N")[..8], name, Catalog.Contracts.ProductKind.Service, "h", new Money(10m, CurrencyCode.Eur)), Ct);
        Assert.True(product.IsSuccess);
    }
}

public sealed class UnitOfWorkOnSqlite(SqliteServer server) : UnitOfWorkTests(server), IClassFixture<SqliteServer>;

public sealed class UnitOfWorkOnPostgres(PostgresServer server) : UnitOfWorkTests(server), IClassFixture<PostgresServer>;
