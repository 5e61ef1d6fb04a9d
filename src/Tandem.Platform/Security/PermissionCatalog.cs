using Tandem.Platform.Modules;

namespace Tandem.Platform.Security;

/// <summary>Every permission the platform and the modules declare; the policies and the matrix resolve against it.</summary>
public sealed class PermissionCatalog
{
    public PermissionCatalog(IEnumerable<ITandemModule> modules)
    {
        All =
        [
            new PermissionDefinition(PlatformPermissions.ManageUsers, "Create, invite and deactivate users; assign roles and companies"),
            new PermissionDefinition(PlatformPermissions.ReadAudit, "Read the audit trail of any record"),
            new PermissionDefinition(PlatformPermissions.ManageCompanies, "Create companies"),
            new PermissionDefinition(PlatformPermissions.ReadCustomFields, "See the custom fields defined for records, as forms and lists show them"),
            new PermissionDefinition(PlatformPermissions.ManageCustomFields, "Define custom fields for records"),
            new PermissionDefinition(PlatformPermissions.ManageWebhooks, "Subscribe URLs to events, read the delivery log and redeliver"),
            new PermissionDefinition(PlatformPermissions.ManageMail, "See outgoing mail and its status; send a test message"),
            .. modules.SelectMany(m => m.Permissions),
        ];
        Names = All.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<PermissionDefinition> All { get; }

    public IReadOnlySet<string> Names { get; }

    public IReadOnlySet<string> For(IEnumerable<string> roles) => PermissionMatrix.Resolve(roles, Names);
}
