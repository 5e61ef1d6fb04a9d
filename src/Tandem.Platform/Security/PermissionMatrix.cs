namespace Tandem.Platform.Security;

/// <summary>
/// Which role may do what: the one place in the code that says so. Endpoints and pages ask for a
/// permission; a user's permissions in a company are the union over the roles they hold there.
/// <c>*</c> grants everything and <c>*.read</c> every read permission.
/// </summary>
public static class PermissionMatrix
{
    private static readonly Dictionary<string, string[]> Grants = new(StringComparer.Ordinal)
    {
        [Roles.Admin] = ["*"],
        [Roles.SalesRep] = ["parties.read", "parties.write", "catalog.read", PlatformPermissions.ReadCustomFields, "crm.read", "crm.write", "sales.read", "sales.write", "accounting.customers.read"],
        [Roles.SalesManager] =
        [
            "parties.read", "parties.write", "parties.merge", "catalog.read", PlatformPermissions.ReadAudit, PlatformPermissions.ReadCustomFields,
            "crm.read", "crm.write", "crm.manage", "sales.read", "sales.write", "accounting.customers.read",
        ],
        [Roles.Marketing] = ["parties.read", "parties.write", "catalog.read", PlatformPermissions.ReadCustomFields, "crm.read", "crm.write"],
        [Roles.ServiceAgent] = ["parties.read", "catalog.read", PlatformPermissions.ReadCustomFields],
        [Roles.Accountant] =
        [
            "parties.read", "parties.write", "catalog.read", PlatformPermissions.ReadAudit, PlatformPermissions.ReadCustomFields,
            "accounting.read", "accounting.customers.read", "accounting.write", "accounting.post", "inventory.read", "purchasing.read", "sales.read", "sales.invoice",
        ],
        [Roles.FinanceManager] =
        [
            "parties.read", "parties.write", "parties.merge", "catalog.read", PlatformPermissions.ReadAudit, PlatformPermissions.ReadCustomFields,
            "accounting.read", "accounting.customers.read", "accounting.write", "accounting.post", "accounting.close", "accounting.manage", "inventory.read", "purchasing.read",
            "sales.read", "sales.approve",
        ],
        [Roles.Warehouse] =
        [
            "parties.read", "catalog.read", PlatformPermissions.ReadCustomFields, "inventory.read", "inventory.operate", "inventory.manage",
            "purchasing.read", "sales.read", "sales.fulfil",
        ],
        [Roles.Purchasing] =
        [
            "parties.read", "parties.write", "catalog.read", "catalog.write", PlatformPermissions.ReadCustomFields, "inventory.read",
            "purchasing.read", "purchasing.operate", "purchasing.approve", "purchasing.manage",
        ],
        [Roles.ProductionPlanner] = ["catalog.read", PlatformPermissions.ReadCustomFields, "inventory.read"],
        [Roles.HumanResources] = ["parties.read", PlatformPermissions.ReadCustomFields],
        [Roles.Executive] = ["*.read"],
    };

    public static IReadOnlyList<string> PatternsOf(string role) => Grants.GetValueOrDefault(role, []);

    /// <summary>The concrete permissions the roles grant, out of the permissions the modules declare.</summary>
    public static IReadOnlySet<string> Resolve(IEnumerable<string> roles, IEnumerable<string> declared)
    {
        var patterns = roles.SelectMany(PatternsOf).ToList();
        return declared.Where(permission => patterns.Any(pattern => Matches(pattern, permission)))
            .ToHashSet(StringComparer.Ordinal);
    }

    public static bool Matches(string pattern, string permission) => pattern switch
    {
        "*" => true,
        "*.read" => permission.EndsWith(".read", StringComparison.Ordinal),
        _ => string.Equals(pattern, permission, StringComparison.Ordinal),
    };
}
