using Tandem.Platform.Identity;
using Tandem.Platform.Persistence;
using Tandem.Platform.Security;

namespace Tandem.Platform.Modules;

/// <summary>
/// What a module gives every new company, such as a default chart of accounts. Runs in the unit of work that creates
/// the company, with the new company as the current company; it must be idempotent (the demo seed may have done it).
/// </summary>
public interface ICompanyInitializer
{
    Task InitializeAsync(CancellationToken ct);
}

/// <summary>
/// The one way companies are created (the admin API, the first start, test fixtures): the company record, its first
/// admin, and every module's <see cref="ICompanyInitializer"/>, committed or rolled back together.
/// </summary>
public sealed class CompanySetup(PlatformDb db, DbSession session, CurrentPrincipal principal, IEnumerable<ICompanyInitializer> initializers, TimeProvider clock)
{
    public async Task<Company> CreateAsync(string code, string name, string currency, Guid? adminUserId, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var company = new Company { Code = code, Name = name, Currency = currency, CreatedAt = clock.GetUtcNow() };
        db.Companies.Add(company);
        if (adminUserId is { } userId)
            db.Memberships.Add(new Membership { UserId = userId, CompanyId = company.Id, Roles = [Roles.Admin] });
        await db.SaveChangesAsync(ct);
        await InitializeAsync(company.Id, ct);
        await unit.CommitAsync(ct);
        return company;
    }

    /// <summary>Runs every module's initializer for a company that exists already, inside the caller's unit of work.</summary>
    public async Task InitializeAsync(Guid companyId, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        using (principal.WorkIn(companyId))
        {
            foreach (var initializer in initializers)
                await initializer.InitializeAsync(ct);
        }
        await unit.CommitAsync(ct);
    }
}
