using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Parties.Bench;
using Tandem.Parties.Contracts;
using Tandem.Parties.Data;
using Tandem.Parties.Domain;
using Tandem.Parties.Features;
using Tandem.Parties.Features.FindDuplicates;
using Tandem.Parties.Features.GetParty;
using Tandem.Parties.Features.ListParties;
using Tandem.Parties.Features.MergeParties;
using Tandem.Parties.Features.RegisterParty;
using Tandem.Parties.Features.UpdateParty;
using Tandem.Platform.Modules;
using Tandem.Platform.Numbering;
using Tandem.Platform.Persistence;
using Tandem.Platform.Search;
using Tandem.Platform.Seeding;
using Tandem.Platform.Webhooks;
using Tandem.SharedKernel;

namespace Tandem.Parties;

/// <summary>The party master: organisations and people that every other module refers to.</summary>
public sealed class PartiesModule : ITandemModule
{
    public const string SearchType = "party";

    public string Name => "Parties";

    public IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(PartiesPermissions.Read, "See organisations and people"),
        new(PartiesPermissions.Write, "Register and change organisations and people"),
        new(PartiesPermissions.Merge, "Merge duplicate parties, re-pointing every module's references"),
    ];

    public IReadOnlyList<NavItem> Navigation =>
    [
        new("Master data", "Parties", "/parties", "people", PartiesPermissions.Read, 10),
    ];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDb<PartiesDb, PartiesDbSqlite, PartiesDbPostgres>(PartiesDb.SchemaName);
        services.AddWebhookEvent<PartyRegistered>("party.registered", "An organisation or person was registered",
            e => new { partyId = e.PartyId, number = e.Number, name = e.Name, kind = e.Kind });
        services.AddWebhookEvent<PartyRenamed>("party.renamed", "A party's name changed", e => new { partyId = e.PartyId, name = e.Name });
        services.AddWebhookEvent<PartiesMerged>("parties.merged", "Two parties were merged into one",
            e => new { survivorId = e.SurvivorId, mergedId = e.MergedId });
        services.AddScoped<RegisterPartyHandler>();
        services.AddScoped<INumberedDocuments, PartyNumbers>();
        services.AddScoped<UpdatePartyHandler>();
        services.AddScoped<GetPartyQuery>();
        services.AddScoped<ListPartiesQuery>();
        services.AddScoped<DuplicateFinder>();
        services.AddScoped<MergePartiesHandler>();
        services.AddScoped<IPartiesModule, PartiesFacade>();
        services.AddSearchProjection<Party>(SearchType, party => new SearchDocument(
            SearchType, party.Id, party.Name, string.Join(" · ", new[] { party.Number, party.Email, party.Phone, party.TaxId }.Where(s => s is not null)),
            null, $"/parties/{party.Id}"), sp => sp.GetRequiredService<PartiesDb>().Parties);
        services.AddSingleton<ISearchSource>(new PermissionSearchSource(SearchType, "Party", PartiesPermissions.Read));
        services.AddScoped<IBenchDataset, PartiesBenchDataset>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var parties = api.MapGroup("/parties").WithTags("Parties");
        ListPartiesEndpoint.Map(parties);
        FindDuplicatesEndpoint.Map(parties);
        MergePartiesEndpoint.Map(parties);
        GetPartyEndpoint.Map(parties);
        RegisterPartyEndpoint.Map(parties);
        UpdatePartyEndpoint.Map(parties);
    }

    public async Task SeedDemoAsync(IServiceProvider services, CancellationToken ct) =>
        await Demo.PartiesDemo.SeedAsync(services, ct);
}

internal sealed class PartiesFacade(PartiesDb db, RegisterPartyHandler register, DuplicateFinder duplicates) : IPartiesModule
{
    public Task<PartySummary?> FindAsync(Guid partyId, CancellationToken ct) =>
        db.Parties.AsNoTracking().Where(p => p.Id == partyId)
            .Select(p => new PartySummary(p.Id, p.Number, p.Kind, p.Name, p.Email, p.IsCustomer, p.IsSupplier) { MergedIntoId = p.MergedIntoId })
            .SingleOrDefaultAsync(ct);

    public async Task<IReadOnlyList<PartySummary>> FindManyAsync(IReadOnlyCollection<Guid> partyIds, CancellationToken ct) =>
        await db.Parties.AsNoTracking().Where(p => partyIds.Contains(p.Id))
            .Select(p => new PartySummary(p.Id, p.Number, p.Kind, p.Name, p.Email, p.IsCustomer, p.IsSupplier) { MergedIntoId = p.MergedIntoId })
            .ToListAsync(ct);

    public async Task<Result<PartySummary>> RegisterAsync(NewParty party, CancellationToken ct)
    {
        var input = new PartyInput(party.Kind, party.Name, party.Email, party.Phone, party.TaxId, party.IsCustomer, party.IsSupplier)
        {
            IsProspect = party.IsProspect,
        };
        // A module registering a party (a converted lead) cannot know the admin's required fields; people fill them in later.
        var registered = await register.HandleAsync(input, new RegisterMode(EnforceRequiredFields: false), ct);
        return registered.Map(p => new PartySummary(p.Id, p.Number, p.Kind, p.Name, p.Email, p.IsCustomer, p.IsSupplier));
    }

    public Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync(DuplicateQuery query, CancellationToken ct) =>
        duplicates.FindAsync(query, ct);
}
