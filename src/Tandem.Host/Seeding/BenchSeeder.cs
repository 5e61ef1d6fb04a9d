using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tandem.Platform;
using Tandem.Platform.Identity;
using Tandem.Platform.Numbering;
using Tandem.Platform.Persistence;
using Tandem.Platform.Security;
using Tandem.Platform.Seeding;

namespace Tandem.Host.Seeding;

/// <summary>
/// <c>seed bench</c>: creates the sales reps who own the CRM records, then runs every module's
/// <see cref="IBenchDataset"/> in order on one PostgreSQL connection, and analyzes the tables for the planner.
/// </summary>
public sealed class BenchSeeder(
    IServiceProvider services, PlatformDb db, UserManager<TandemUser> users, CurrentPrincipal principal, DbSession session, DocumentNumbers numbers, TimeProvider clock)
{
    public const string RepPassword = "Bench-Rep-Password-1";

    public static string RepEmail(int number) => $"rep{number:D2}@bench.tandem.local";

    public async Task<int> RunAsync(BenchDataSize size, int seed, string? companyCode, TextWriter output, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            await Console.Error.WriteLineAsync("seed bench loads with PostgreSQL's binary COPY; configure Tandem:Database:Provider=Postgres.");
            return 2;
        }
        var company = await db.Companies.Where(c => companyCode == null || c.Code == companyCode).OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (company is null)
        {
            await Console.Error.WriteLineAsync(companyCode is null ? "No company exists yet; start the server or run seed demo first." : $"No company with code {companyCode}.");
            return 2;
        }
        principal.ActAsSystem(company.Id);

        var total = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        var context = new BenchDataContext(connection, company.Id, size, seed, clock, message => output.WriteLine($"  {message}"), ReserveNumbersAsync);
        await using (var superuser = new NpgsqlCommand("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", connection))
            context.TriggersOff = await superuser.ExecuteScalarAsync(ct) is true;
        context.Reps.AddRange(await EnsureRepsAsync(company.Id, size.Reps, ct));
        output.WriteLine($"{context.Reps.Count} sales reps ({RepEmail(1)} … / {RepPassword})");

        foreach (var dataset in services.GetServices<IBenchDataset>().OrderBy(d => d.Order))
        {
            var watch = Stopwatch.StartNew();
            output.WriteLine($"{dataset.Name}:");
            await dataset.LoadAsync(context, ct);
            output.WriteLine($"  loaded in {watch.Elapsed.TotalSeconds:F1} s");
        }
        output.WriteLine($"Bench data for {company.Code} loaded in {total.Elapsed.TotalMinutes:F1} min. Run `check all` to prove its invariants.");
        return 0;
    }

    /// <summary>A block of numbers taken through DocumentNumbers in a unit of its own, committed before the rows are written.</summary>
    private async Task<long> ReserveNumbersAsync(string sequence, int fiscalYear, long count, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var first = await numbers.ReserveAsync(sequence, fiscalYear, count, ct);
        await unit.CommitAsync(ct);
        return first;
    }

    private async Task<List<Guid>> EnsureRepsAsync(Guid companyId, int count, CancellationToken ct)
    {
        var ids = new List<Guid>(count);
        for (var i = 1; i <= count; i++)
        {
            var email = RepEmail(i);
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new TandemUser { UserName = email, Email = email, DisplayName = $"Bench Rep {i:D2}", EmailConfirmed = true, DefaultCompanyId = companyId, CreatedAt = clock.GetUtcNow() };
                var created = await users.CreateAsync(user, RepPassword);
                if (!created.Succeeded)
                    throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.CompanyId == companyId, ct))
                db.Memberships.Add(new Membership { UserId = user.Id, CompanyId = companyId, Roles = [Roles.SalesRep] });
            ids.Add(user.Id);
        }
        await db.SaveChangesAsync(ct);
        return ids;
    }
}
