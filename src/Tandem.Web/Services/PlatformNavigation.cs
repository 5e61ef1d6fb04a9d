using Tandem.Platform.Modules;
using Tandem.Platform.Security;

namespace Tandem.Web.Services;

/// <summary>Menu entries the platform itself contributes, beside the modules' own.</summary>
public static class PlatformNavigation
{
    public const string AdminGroup = "Administration";

    public static readonly IReadOnlyList<NavItem> Items =
    [
        new(AdminGroup, "Users", "/admin/users", "manage_accounts", PlatformPermissions.ManageUsers, 10),
        new(AdminGroup, "Custom fields", "/admin/custom-fields", "tune", PlatformPermissions.ManageCustomFields, 20),
        new(AdminGroup, "Webhooks", "/admin/webhooks", "webhook", PlatformPermissions.ManageWebhooks, 30),
        new(AdminGroup, "Outgoing mail", "/admin/mail", "mail", PlatformPermissions.ManageMail, 31),
    ];

    /// <summary>Every menu entry the user may use, platform and modules, grouped in the order groups first appear.</summary>
    public static IReadOnlyList<NavGroup> Groups(IEnumerable<ITandemModule> modules, Func<string, bool> allowed) =>
        modules.SelectMany(m => m.Navigation).Concat(Items)
            .Where(item => allowed(item.Permission))
            .GroupBy(item => item.Group)
            .Select(group => new NavGroup(group.Key, group.OrderBy(i => i.Order).ToList()))
            .ToList();
}

public sealed record NavGroup(string Title, IReadOnlyList<NavItem> Items);
