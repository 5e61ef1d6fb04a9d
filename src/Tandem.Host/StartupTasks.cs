using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tandem.Platform;
using Tandem.Platform.Identity;
using Tandem.Platform.Modules;
using Tandem.Platform.Persistence;
using Tandem.Platform.Security;

namespace Tandem.Host;

/// <summary>Bound from the <c>Tandem</c> section: <c>Tandem__Admin__Email</c>, <c>Tandem__Admin__Password</c>, <c>Tandem__Demo</c>.</summary>
public sealed class BootstrapOptions
{
    public AdminOptions Admin { get; set; } = new();
    public bool Demo { get; set; } = true;

    public sealed class AdminOptions
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }
}

/// <summary>What the server does before it listens: migrate, create the first admin, seed the demo company.</summary>
public sealed class StartupTasks(
    IServiceProvider services,
    ModuleDbRegistry registry,
    IOptions<DatabaseOptions> database,
    IOptions<BootstrapOptions> bootstrap,
    TimeProvider clock,
    ILogger<StartupTasks> logger)
{
    public const string DemoCompanyCode = "DEMO";

    public async Task MigrateAsync(CancellationToken ct)
    {
        if (database.Value.Provider == DatabaseProvider.Sqlite)
            PrepareSqliteFile(database.Value.ConnectionString);
        foreach (var contextType in registry.Contexts)
        {
            var context = (DbContext)services.GetRequiredService(contextType);
            await context.Database.MigrateAsync(ct);
        }
        if (database.Value.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets readers go on while one writer commits.
            var context = (DbContext)services.GetRequiredService(registry.Contexts[0]);
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>On an empty database: a company (the demo company unless Tandem:Demo is false) and its first admin.</summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        var db = services.GetRequiredService<PlatformDb>();
        if (await db.Companies.AnyAsync(ct))
            return;
        var demo = bootstrap.Value.Demo;
        var company = await services.GetRequiredService<CompanySetup>().CreateAsync(
            demo ? DemoCompanyCode : "MAIN", demo ? "Tandem Demo Cycles Ltd" : "My Company", "EUR", adminUserId: null, ct);

        var email = bootstrap.Value.Admin.Email ?? "admin@tandem.local";
        var password = bootstrap.Value.Admin.Password;
        var generated = password is null;
        password ??= GeneratePassword();
        var users = services.GetRequiredService<UserManager<TandemUser>>();
        var admin = await users.FindByEmailAsync(email);
        if (admin is null)
        {
            admin = new TandemUser { UserName = email, Email = email, DisplayName = "Administrator", EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
            var created = await users.CreateAsync(admin, password);
            if (!created.Succeeded)
                throw new InvalidOperationException("The first admin could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            if (generated)
                Console.WriteLine($"First admin: {email} / {password}  (shown once; set Tandem__Admin__Password to choose it)");
        }
        admin.DefaultCompanyId ??= company.Id;
        db.Memberships.Add(new Membership { UserId = admin.Id, CompanyId = company.Id, Roles = [Roles.Admin] });
        await db.SaveChangesAsync(ct);
        LogCreated(logger, company.Code, email);

        if (demo)
            await SeedDemoAsync(company.Id, ct);
    }

    public async Task SeedDemoAsync(Guid companyId, CancellationToken ct)
    {
        services.GetRequiredService<CurrentPrincipal>().ActAsSystem(companyId);
        foreach (var module in services.GetServices<ITandemModule>())
            await module.SeedDemoAsync(services, ct);
    }

    /// <summary>
    /// A random 20-character first-admin password. Drawn again until it has a digit, a lower- and an upper-case letter:
    /// the password policy requires a digit, and one draw in thirty has none.
    /// </summary>
    public static string GeneratePassword()
    {
        while (true)
        {
            var candidate = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
            if (candidate.Any(char.IsAsciiDigit) && candidate.Any(char.IsAsciiLetterLower) && candidate.Any(char.IsAsciiLetterUpper))
                return candidate;
        }
    }

    private static void PrepareSqliteFile(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            Directory.CreateDirectory(folder);
    }

    private static void LogCreated(ILogger logger, string company, string email) =>
        logger.LogInformation("Created company {Company} with admin {Email}", company, email);
}
