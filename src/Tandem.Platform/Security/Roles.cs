namespace Tandem.Platform.Security;

/// <summary>The user communities; a user holds one or more of these per company.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string SalesRep = "sales_rep";
    public const string SalesManager = "sales_manager";
    public const string Marketing = "marketing";
    public const string ServiceAgent = "service_agent";
    public const string Accountant = "accountant";
    public const string FinanceManager = "finance_manager";
    public const string Warehouse = "warehouse";
    public const string Purchasing = "purchasing";
    public const string ProductionPlanner = "production_planner";
    public const string HumanResources = "hr";
    public const string Executive = "executive";

    public static readonly IReadOnlyList<string> All =
    [
        Admin, SalesRep, SalesManager, Marketing, ServiceAgent, Accountant, FinanceManager,
        Warehouse, Purchasing, ProductionPlanner, HumanResources, Executive,
    ];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

/// <summary>Permissions that belong to the platform itself rather than to a business module.</summary>
public static class PlatformPermissions
{
    public const string ManageUsers = "platform.users.manage";
    public const string ReadAudit = "platform.audit.read";
    public const string ManageCompanies = "platform.companies.manage";
    public const string ReadCustomFields = "platform.customfields.read";
    public const string ManageCustomFields = "platform.customfields.manage";
    public const string ManageWebhooks = "platform.webhooks";
    public const string ManageMail = "platform.mail.manage";
}
