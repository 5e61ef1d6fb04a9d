using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Tandem.Platform.Modules;

/// <summary>
/// What a module is, in one place: its services, its endpoints under <c>/api/v1</c>, the permissions it
/// checks, the navigation and page panels it contributes to the UI, and its demo data.
/// </summary>
public interface ITandemModule
{
    string Name { get; }

    IReadOnlyList<PermissionDefinition> Permissions { get; }

    IReadOnlyList<NavItem> Navigation { get; }

    IReadOnlyList<SlotContribution> Slots => [];

    void AddServices(IServiceCollection services, IConfiguration configuration);

    void MapEndpoints(IEndpointRouteBuilder api);

    /// <summary>Seeds the demo company's records; runs with the demo company as the current company.</summary>
    Task SeedDemoAsync(IServiceProvider services, CancellationToken ct) => Task.CompletedTask;
}

public sealed record PermissionDefinition(string Name, string Description);

/// <summary>A menu entry, shown only to users holding its permission.</summary>
public sealed record NavItem(string Group, string Title, string Href, string Icon, string Permission, int Order = 100);

/// <summary>
/// A panel one module contributes to another module's page, e.g. the party page's "Products supplied"
/// panel. The page renders every contribution to its slot without referencing the contributing module.
/// </summary>
public sealed record SlotContribution(string Slot, Type Component, string Title, string Permission, int Order = 100);

/// <summary>The well-known slot names pages expose.</summary>
public static class Slots
{
    /// <summary>Panels on a party's page; receives parameter <c>PartyId</c> (Guid).</summary>
    public const string PartyPage = "party.page";

    /// <summary>Panels on any record page's side; receives <c>EntityType</c> (string) and <c>EntityId</c> (Guid).</summary>
    public const string RecordSide = "record.side";

    /// <summary>Small controls in the application bar, such as a notification bell; no parameters, rendered without a panel.</summary>
    public const string AppBar = "app.bar";

    /// <summary>
    /// Panels on a CRM account's customer-360 page; receives <c>AccountId</c> and <c>PartyId</c> (Guid) and <c>Refresh</c>
    /// (int), which grows each time a module reports a change of the party while the page is open: reload then.
    /// </summary>
    public const string AccountOverview = "account.overview";

    /// <summary>
    /// Buttons in a CRM account page's header, such as Sales' "New quote"; receives <c>AccountId</c> and <c>PartyId</c>
    /// (Guid); rendered bare, without a panel or title.
    /// </summary>
    public const string AccountActions = "account.actions";

    /// <summary>
    /// Buttons in a CRM opportunity page's header; receives <c>OpportunityId</c> and <c>AccountId</c> (Guid) and
    /// <c>IsOpen</c> (bool: neither won nor lost); rendered bare, without a panel or title.
    /// </summary>
    public const string OpportunityActions = "opportunity.actions";
}
