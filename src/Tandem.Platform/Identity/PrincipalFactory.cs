using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Security;

namespace Tandem.Platform.Identity;

/// <summary>
/// Builds the principal a request acts as: the user, the company chosen (or their default), their roles
/// there and the permissions those grant. Read fresh on every request, so a deactivation or a role
/// change takes effect at once.
/// </summary>
public sealed class PrincipalFactory(PlatformDb db, PermissionCatalog permissions)
{
    public async Task<ClaimsPrincipal?> CreateAsync(Guid userId, Guid? requestedCompany, string authenticationType, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.IsActive)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.DefaultCompanyId, u.Memberships })
            .SingleOrDefaultAsync(ct);
        if (user is null)
            return null;
        var membership =
            user.Memberships.FirstOrDefault(m => m.CompanyId == requestedCompany)
            ?? (requestedCompany is null ? null : (Membership?)null);
        if (requestedCompany is not null && membership is null)
            return null;
        membership ??= user.Memberships.FirstOrDefault(m => m.CompanyId == user.DefaultCompanyId) ?? user.Memberships.FirstOrDefault();

        var claims = new List<Claim>
        {
            new(TandemClaims.UserId, user.Id.ToString()),
            new(TandemClaims.Name, string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? "" : user.DisplayName),
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.Email ?? ""),
        };
        if (membership is not null)
        {
            claims.Add(new Claim(TandemClaims.Company, membership.CompanyId.ToString()));
            claims.AddRange(membership.Roles.Select(r => new Claim(TandemClaims.Role, r)));
            claims.AddRange(permissions.For(membership.Roles).Select(p => new Claim(TandemClaims.Permission, p)));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, TandemClaims.Name, TandemClaims.Role));
    }
}
