using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Audit;
using Tandem.Platform.Consistency;
using Tandem.Platform.Identity;
using Tandem.Host.Seeding;
using Tandem.Platform.Search;
using Tandem.Platform.Security;
using Tandem.Platform.Seeding;

namespace Tandem.Host.Cli;

/// <summary>
/// The host binary's commands: <c>serve</c> (the default), <c>migrate</c>, <c>seed demo</c>, <c>seed bench</c>,
/// <c>users add</c>, <c>audit verify</c>, <c>check</c> and <c>search reindex</c>. Configuration comes from the same places as the server's.
/// </summary>
public static class TandemCli
{
    /// <summary>Runs a command; its error messages, and any unexpected failure, go to <paramref name="error"/> (standard error when null).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? error = null)
    {
        var root = new RootCommand("Tandem: ERP and CRM in one server.") { TreatUnmatchedTokensAsErrors = false };
        root.SetAction((parse, ct) => ServeAsync(parse.UnmatchedTokens.ToArray(), ct));

        var serve = new Command("serve", "Start the server (the default): migrate, initialise an empty database, listen.") { TreatUnmatchedTokensAsErrors = false };
        serve.SetAction((parse, ct) => ServeAsync(parse.UnmatchedTokens.ToArray(), ct));
        root.Add(serve);

        var migrate = new Command("migrate", "Apply every module's migrations and exit.") { TreatUnmatchedTokensAsErrors = false };
        migrate.SetAction((parse, ct) => WithServicesAsync(parse.UnmatchedTokens.ToArray(), async (sp, token) =>
        {
            await sp.GetRequiredService<StartupTasks>().MigrateAsync(token);
            Console.WriteLine("Migrations applied.");
            return 0;
        }, ct));
        root.Add(migrate);

        var seed = new Command("seed", "Load data.");
        var seedDemo = new Command("demo", "Create the demo company with its data on an empty database.") { TreatUnmatchedTokensAsErrors = false };
        seedDemo.SetAction((parse, ct) => WithServicesAsync(parse.UnmatchedTokens.ToArray(), async (sp, token) =>
        {
            var tasks = sp.GetRequiredService<StartupTasks>();
            await tasks.MigrateAsync(token);
            var db = sp.GetRequiredService<PlatformDb>();
            if (await db.Companies.AnyAsync(c => c.Code == StartupTasks.DemoCompanyCode, token))
            {
                parse.InvocationConfiguration.Error.WriteLine("The demo company already exists.");
                return 1;
            }
            await tasks.InitializeAsync(token);
            Console.WriteLine("Demo company seeded.");
            return 0;
        }, ct, "--Tandem:Demo=true"));
        seed.Add(seedDemo);
        seed.Add(SeedBenchCommand());
        root.Add(seed);

        root.Add(UsersCommand());
        root.Add(AuditCommand());
        root.Add(CheckCommand());
        root.Add(SearchCommand());
        root.Add(BackupCommand());

        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Error = error ?? Console.Error });
    }

    private static Command SeedBenchCommand()
    {
        var defaults = new BenchDataSize();
        var customers = new Option<int>("--customers") { Description = "Customer organisations (each with two people)", DefaultValueFactory = _ => defaults.Customers };
        var opportunities = new Option<int>("--opportunities") { Description = "CRM opportunities", DefaultValueFactory = _ => defaults.Opportunities };
        var activities = new Option<int>("--activities") { Description = "CRM activities and notes together", DefaultValueFactory = _ => defaults.Activities };
        var invoices = new Option<int>("--invoices") { Description = "Posted customer invoices, left open but for the paid ones", DefaultValueFactory = _ => defaults.Invoices };
        var lines = new Option<long>("--journal-lines") { Description = "Posted journal lines in all, the invoices' and payments' included", DefaultValueFactory = _ => defaults.JournalLines };
        var reps = new Option<int>("--reps") { Description = "Sales rep users who own the CRM records", DefaultValueFactory = _ => defaults.Reps };
        var products = new Option<int>("--products") { Description = "Stocked products in the catalog", DefaultValueFactory = _ => defaults.Products };
        var moves = new Option<long>("--stock-moves") { Description = "Done stock moves (receipts and deliveries) over those products", DefaultValueFactory = _ => defaults.StockMoves };
        var orders = new Option<int>("--orders") { Description = "Sales orders over a year, each from an accepted quote, through every status", DefaultValueFactory = _ => defaults.Orders };
        var purchaseOrders = new Option<int>("--purchase-orders") { Description = "Purchase orders over a year to suppliers among the customers, drafts to closed", DefaultValueFactory = _ => defaults.PurchaseOrders };
        var payments = new Option<int>("--payments") { Description = "The oldest invoices paid in full, one customer payment each (at most --invoices)", DefaultValueFactory = _ => defaults.Payments };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same data", DefaultValueFactory = _ => 20261123 };
        var company = new Option<string?>("--company") { Description = "Company code (default: the first company)" };
        var bench = new Command("bench", "Load a large, reproducible dataset into a company (PostgreSQL), for the benchmarks.")
        {
            customers, opportunities, activities, invoices, payments, lines, reps, products, moves, orders, purchaseOrders, seed, company,
        };
        bench.TreatUnmatchedTokensAsErrors = false;
        bench.SetAction((parse, ct) => WithServicesAsync(parse.UnmatchedTokens.ToArray(), async (sp, token) =>
        {
            await sp.GetRequiredService<StartupTasks>().MigrateAsync(token);
            var size = new BenchDataSize(parse.GetValue(customers), parse.GetValue(opportunities), parse.GetValue(activities),
                parse.GetValue(invoices), parse.GetValue(lines), parse.GetValue(reps), parse.GetValue(products), parse.GetValue(moves), parse.GetValue(orders),
                parse.GetValue(purchaseOrders), parse.GetValue(payments));
            if (size.Customers < 1 || size.Opportunities < 0 || size.Activities < 0 || size.Invoices < 0 || size.Payments < 0 || size.Payments > size.Invoices
                || size.JournalLines < size.Invoices * 3L + size.Payments * 2L || size.Reps < 1
                || size.Products < 0 || size.StockMoves < 0 || (size.StockMoves > 0 && size.Products < 1) || size.Orders < 0 || (size.Orders > 0 && size.Products < 1)
                || size.PurchaseOrders < 0 || (size.PurchaseOrders > 0 && size.Products < 1))
            {
                parse.InvocationConfiguration.Error.WriteLine("Sizes must be positive, with at least one customer and rep, no more payments than invoices, at least three journal lines per invoice and two per payment, and products for any stock moves, orders or purchase orders.");
                return 2;
            }
            return await sp.GetRequiredService<BenchSeeder>().RunAsync(size, parse.GetValue(seed), parse.GetValue(company), Console.Out, token);
        }, ct));
        return bench;
    }

    private static Command UsersCommand()
    {
        var users = new Command("users", "Manage users.");
        var email = new Option<string>("--email") { Required = true, Description = "Sign-in email" };
        var password = new Option<string>("--password") { Required = true, Description = "At least 10 characters" };
        var name = new Option<string?>("--name") { Description = "Display name" };
        var role = new Option<string[]>("--role") { Description = "A role in the company, e.g. sales_rep (repeat for several)", DefaultValueFactory = _ => ["admin"] };
        var company = new Option<string?>("--company") { Description = "Company code (default: the first company)" };
        var add = new Command("add", "Create a user with roles in a company.") { email, password, name, role, company };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction((parse, ct) => WithServicesAsync(parse.UnmatchedTokens.ToArray(), async (sp, token) =>
        {
            var roles = parse.GetValue(role) ?? [];
            if (roles.FirstOrDefault(r => !Roles.IsKnown(r)) is { } unknown)
            {
                parse.InvocationConfiguration.Error.WriteLine($"Unknown role '{unknown}'. Roles: {string.Join(", ", Roles.All)}");
                return 2;
            }
            await sp.GetRequiredService<StartupTasks>().MigrateAsync(token);
            var db = sp.GetRequiredService<PlatformDb>();
            var code = parse.GetValue(company);
            var target = await db.Companies.Where(c => code == null || c.Code == code).OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(token);
            if (target is null)
            {
                parse.InvocationConfiguration.Error.WriteLine(code is null ? "No company exists yet; start the server once." : $"No company with code {code}.");
                return 2;
            }
            var manager = sp.GetRequiredService<UserManager<TandemUser>>();
            var mail = parse.GetValue(email)!;
            var user = new TandemUser
            {
                UserName = mail,
                Email = mail,
                DisplayName = parse.GetValue(name) ?? mail,
                EmailConfirmed = true,
                DefaultCompanyId = target.Id,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            var created = await manager.CreateAsync(user, parse.GetValue(password)!);
            if (!created.Succeeded)
            {
                parse.InvocationConfiguration.Error.WriteLine(string.Join(Environment.NewLine, created.Errors.Select(e => e.Description)));
                return 1;
            }
            db.Memberships.Add(new Membership { UserId = user.Id, CompanyId = target.Id, Roles = [.. roles] });
            await db.SaveChangesAsync(token);
            Console.WriteLine($"User {mail} created in {target.Code} with roles {string.Join(", ", roles)}.");
            return 0;
        }, ct));
        users.Add(add);
        return users;
    }

    private static Command AuditCommand()
    {
        var audit = new Command("audit", "The audit trail.");
        var verify = new Command("verify", "Recompute the hash chains; report the first tampered row.") { TreatUnmatchedTokensAsErrors = false };
        verify.SetAction((parse, ct) => WithServicesAsync(parse.UnmatchedTokens.ToArray(), async (sp, token) =>
        {
            var result = await sp.GetRequiredService<AuditVerifier>().VerifyAsync(token);
            if (result.Breaks is [var first, ..])
            {
                parse.InvocationConfiguration.Error.WriteLine(
                    $"Audit trail tampered: row {first.RowId} of {first.EntityType} {first.EntityId}, sequence {first.Sequence}: {Describe(first.Kind)} ({first.Detail}).");
                if (result.Breaks.Count > 1)
                    parse.InvocationConfiguration.Error.WriteLine($"{result.Breaks.Count - 1} more chain(s) are broken.");
                return 1;
            }
            Console.WriteLine($"Audit trail intact: {result.Rows} rows in {result.Chains} chains");
            return 0;
        }, ct));
        audit.Add(verify);
        return audit;
    }

    private static Command SearchCommand()
    {
        var search = new Command("search", "The global search index.");
        var company = new Option<string?>("--company") { Description = "Company code (default: every company)" };
        var batchSize = new Option<int>("--batch-size") { Description = "Records per transaction", DefaultValueFactory = _ => SearchReindex.DefaultBatchSize };
        var reindex = new Command("reindex", "Rebuild the search documents of every record type from the records; safe to repeat.") { company, batchSize };
        reindex.TreatUnmatchedTokensAsErrors = false;
        reindex.SetAction((parse, ct) => WithServicesAsync(parse.UnmatchedTokens.ToArray(), async (sp, token) =>
        {
            var size = parse.GetValue(batchSize);
            if (size < 1)
            {
                parse.InvocationConfiguration.Error.WriteLine("--batch-size must be at least 1.");
                return 2;
            }
            var code = parse.GetValue(company);
            var companies = await sp.GetRequiredService<PlatformDb>().Companies.AsNoTracking()
                .Where(c => code == null || c.Code == code).OrderBy(c => c.Code).Select(c => new { c.Id, c.Code }).ToListAsync(token);
            if (companies.Count == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine(code is null ? "No company exists yet." : $"No company with code {code}.");
                return 2;
            }
            var rebuild = sp.GetRequiredService<SearchReindex>();
            foreach (var target in companies)
            {
                var done = await rebuild.RunAsync(target.Id, size, token);
                Console.WriteLine($"{target.Code}: {string.Join(", ", done.Select(d => $"{d.Documents} {d.Type}"))}");
            }
            return 0;
        }, ct));
        search.Add(reindex);
        return search;
    }

    private static Command BackupCommand()
    {
        var file = new Argument<string>("file") { Description = "The copy to write; must not exist yet" };
        var backup = new Command("backup", "Copy the SQLite database, consistent to one moment, while the server keeps running (on PostgreSQL: pg_dump).") { file };
        backup.TreatUnmatchedTokensAsErrors = false;
        backup.SetAction((parse, ct) => WithServicesAsync(parse.UnmatchedTokens.ToArray(), async (sp, token) =>
        {
            var database = sp.GetRequiredService<PlatformDb>().Database;
            if (database.IsNpgsql())
            {
                parse.InvocationConfiguration.Error.WriteLine("On PostgreSQL, back up with pg_dump: pg_dump --format=custom --file=tandem.dump <database> (docs/user-guide/administration.md).");
                return 2;
            }
            var target = Path.GetFullPath(parse.GetValue(file)!);
            if (File.Exists(target))
            {
                parse.InvocationConfiguration.Error.WriteLine($"{target} exists already; choose a new file.");
                return 2;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // SQLite's online backup API copies page by page and restarts if a writer changes the source meanwhile,
            // so the copy is one consistent moment without stopping the server.
            await using var source = new SqliteConnection(database.GetConnectionString());
            await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
            await source.OpenAsync(token);
            await copy.OpenAsync(token);
            source.BackupDatabase(copy);
            Console.WriteLine($"Backed up to {target} ({new FileInfo(target).Length / 1024:N0} KiB).");
            return 0;
        }, ct));
        return backup;
    }

    private static Command CheckCommand()
    {
        var check = new Command("check", "Prove the stored data's invariants; exits non-zero on any violation.");
        var all = new Command("all", "Run every module's consistency check.") { TreatUnmatchedTokensAsErrors = false };
        all.SetAction((parse, ct) => WithServicesAsync(parse.UnmatchedTokens.ToArray(), (sp, token) => RunChecksAsync(sp, null, parse.InvocationConfiguration.Error, token), ct));
        check.Add(all);
        (string Name, string Description)[] checks =
        [
            ("ledger", "Posted entries balance, balances equal the sum of their lines, control accounts equal the open items."),
            ("stock", "On hand equals the sum of done moves, never negative, reserved within on hand, the inventory account equals the valuation."),
            ("numbering", "Every document number sequence is gap-free and unique."),
            ("audit", "Every record's audit hash chain is intact."),
        ];
        foreach (var (name, description) in checks)
        {
            var one = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
            one.SetAction((parse, ct) => WithServicesAsync(parse.UnmatchedTokens.ToArray(), (sp, token) => RunChecksAsync(sp, name, parse.InvocationConfiguration.Error, token), ct));
            check.Add(one);
        }
        return check;
    }

    private static async Task<int> RunChecksAsync(IServiceProvider services, string? name, TextWriter error, CancellationToken ct)
    {
        var checks = services.GetServices<IConsistencyCheck>().Where(c => name is null || c.Name == name).ToList();
        if (checks.Count == 0)
        {
            error.WriteLine(name is null ? "No consistency checks are registered." : $"No consistency check named {name}.");
            return 2;
        }
        var violations = 0;
        foreach (var check in checks)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var found = await check.RunAsync(ct);
            foreach (var violation in found)
                error.WriteLine($"{violation.Check}: company {violation.CompanyId}: {violation.Rule}: {violation.Detail}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{check.Name}: {(found.Count == 0 ? "consistent" : $"{found.Count} violation(s)")} ({watch.Elapsed.TotalSeconds:F1} s)"));
            violations += found.Count;
        }
        return violations == 0 ? 0 : 1;
    }

    private static string Describe(AuditBreakKind kind) => kind switch
    {
        AuditBreakKind.HashMismatch => "hash mismatch",
        AuditBreakKind.BrokenLink => "broken link",
        _ => "missing sequence",
    };

    private static async Task<int> ServeAsync(string[] args, CancellationToken ct)
    {
        var app = TandemApp.Build(args);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var tasks = scope.ServiceProvider.GetRequiredService<StartupTasks>();
            await tasks.MigrateAsync(ct);
            await tasks.InitializeAsync(ct);
        }
        await app.RunAsync(ct);
        return 0;
    }

    /// <summary>Runs a command with the server's services and configuration, without listening.</summary>
    private static async Task<int> WithServicesAsync(string[] args, Func<IServiceProvider, CancellationToken, Task<int>> run, CancellationToken ct, params string[] extra)
    {
        var app = TandemApp.Build([.. args, .. extra]);
        await using var scope = app.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider, ct);
    }
}
