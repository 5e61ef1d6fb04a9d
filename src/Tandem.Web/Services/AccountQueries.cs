using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Identity;

namespace Tandem.Web.Services;

public sealed record CompanyChoice(Guid Id, string Code, string Name);

public sealed record UserRow(Guid Id, string Email, string DisplayName, bool IsActive, IReadOnlyList<UserCompanyRoles> Companies);

public sealed record UserCompanyRoles(string CompanyCode, IReadOnlyList<string> Roles);

/// <summary>Reads of the platform's users and companies that the shell and the admin pages show.</summary>
public sealed class AccountQueries(PlatformDb db)
{
    public async Task<IReadOnlyList<CompanyChoice>> CompaniesOfAsync(Guid userId, CancellationToken ct) =>
        await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Companies, m => m.CompanyId, c => c.Id, (m, c) => c)
            .OrderBy(c => c.Name)
            .Select(c => new CompanyChoice(c.Id, c.Code, c.Name))
            .ToListAsync(ct);

    /// <summary>Users ordered by email; a small admin list, so it loads at most <paramref name="limit"/> rows.</summary>
    public async Task<IReadOnlyList<UserRow>> UsersAsync(string? emailPrefix, int limit, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(emailPrefix))
        {
            var prefix = emailPrefix.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.StartsWith(prefix));
        }
        var users = await query.OrderBy(u => u.NormalizedEmail).Take(limit)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.IsActive })
            .ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => ids.Contains(m.UserId))
            .Join(db.Companies, m => m.CompanyId, c => c.Id, (m, c) => new { m.UserId, c.Code, m.Roles })
            .ToListAsync(ct);
        return users.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, u.IsActive,
                memberships.Where(m => m.UserId == u.Id).OrderBy(m => m.Code)
                    .Select(m => new UserCompanyRoles(m.Code, m.Roles)).ToList()))
            .ToList();
    }
}
