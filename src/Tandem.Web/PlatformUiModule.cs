using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Modules;
using Tandem.Platform.Security;
using Tandem.Web.Components;

namespace Tandem.Web;

/// <summary>
/// The UI the platform contributes to module pages (the audit history panel). The platform is not a
/// module, so this small one carries its slot contributions; its permissions are declared by the platform.
/// </summary>
public sealed class PlatformUiModule : ITandemModule
{
    public string Name => "Platform";

    public IReadOnlyList<PermissionDefinition> Permissions => [];

    public IReadOnlyList<NavItem> Navigation => [];

    public IReadOnlyList<SlotContribution> Slots =>
    [
        new(Platform.Modules.Slots.PartyPage, typeof(AuditHistory), "History", PlatformPermissions.ReadAudit, 900),
    ];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
    }
}
