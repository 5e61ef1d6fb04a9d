using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;
using Tandem.Parties.Contracts;
using Tandem.Platform;
using Tandem.Platform.Modules;
using Tandem.Web.Components;

namespace Tandem.Browser.Tests;

/// <summary>
/// The party page's slot renders panels that modules register through <see cref="ITandemModule.Slots"/>,
/// with the page's parameters, and only those the user's permissions allow. Rendered to HTML by the
/// framework's own HtmlRenderer: the same <c>Slot</c> component the party page uses, no browser needed.
/// </summary>
public sealed class SlotRenderingTests
{
    [Fact]
    public async Task Party_page_slot_renders_contributions_the_user_may_see_with_the_party_id()
    {
        var partyId = Guid.NewGuid();
        var html = await RenderSlotAsync(Slots.PartyPage, partyId, permissions: [PartiesPermissions.Read]);

        Assert.Contains("Open orders", html, StringComparison.Ordinal);
        Assert.Contains($"orders of {partyId}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Credit limit", html, StringComparison.Ordinal);
        Assert.DoesNotContain("elsewhere", html, StringComparison.Ordinal);
        // Contributions come in their declared order.
        Assert.True(html.IndexOf("Open orders", StringComparison.Ordinal) < html.IndexOf("Recent notes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Party_page_slot_shows_a_restricted_panel_to_a_user_holding_its_permission()
    {
        var html = await RenderSlotAsync(Slots.PartyPage, Guid.NewGuid(), permissions: [PartiesPermissions.Read, "probe.credit"]);
        Assert.Contains("Credit limit", html, StringComparison.Ordinal);
    }

    private static async Task<string> RenderSlotAsync(string slot, Guid partyId, string[] permissions)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMudServices();
        services.AddSingleton<ITandemModule>(new ProbeModule());
        var principal = new CurrentPrincipal();
        principal.Set(new ClaimsPrincipal(new ClaimsIdentity(
            permissions.Select(p => new Claim(TandemClaims.Permission, p)).Append(new Claim(TandemClaims.UserId, Guid.NewGuid().ToString())), "test")));
        services.AddSingleton<ICurrentUser>(principal);
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<Slot>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(Slot.Name)] = slot,
                [nameof(Slot.Parameters)] = new Dictionary<string, object> { ["PartyId"] = partyId },
            }));
            return output.ToHtmlString();
        });
    }

    /// <summary>A module as another team would write one, contributing panels to the party page.</summary>
    private sealed class ProbeModule : ITandemModule
    {
        public string Name => "Probe";
        public IReadOnlyList<PermissionDefinition> Permissions => [new("probe.credit", "See credit limits")];
        public IReadOnlyList<NavItem> Navigation => [];

        public IReadOnlyList<SlotContribution> Slots =>
        [
            new(Platform.Modules.Slots.PartyPage, typeof(NotesPanel), "Recent notes", PartiesPermissions.Read, Order: 20),
            new(Platform.Modules.Slots.PartyPage, typeof(OrdersPanel), "Open orders", PartiesPermissions.Read, Order: 10),
            new(Platform.Modules.Slots.PartyPage, typeof(OrdersPanel), "Credit limit", "probe.credit", Order: 30),
            new(Platform.Modules.Slots.RecordSide, typeof(NotesPanel), "elsewhere", PartiesPermissions.Read),
        ];

        public void AddServices(IServiceCollection services, IConfiguration configuration)
        {
        }

        public void MapEndpoints(IEndpointRouteBuilder api)
        {
        }
    }

    private sealed class OrdersPanel : ComponentBase
    {
        [Parameter] public Guid PartyId { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, $"orders of {PartyId}");
    }

    private sealed class NotesPanel : ComponentBase
    {
        [Parameter] public Guid PartyId { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, "notes");
    }
}
