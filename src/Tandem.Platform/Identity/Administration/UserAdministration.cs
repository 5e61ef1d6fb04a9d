using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Audit;
using Tandem.Platform.Persistence;
using Tandem.Platform.Security;
using Tandem.SharedKernel;

namespace Tandem.Platform.Identity.Administration;

/// <summary>
/// Users and their memberships as an administrator manages them. An administrator sees and changes only
/// users and memberships of the companies where they themselves hold the admin role.
/// </summary>
public sealed class UserAdministration(
    PlatformDb db,
    DbSession session,
    UserManager<TandemUser> users,
    AuditTrail audit,
    ICurrentUser me,
    ICompanyContext company,
    TimeProvider clock,
    Mail.IMailer mailer)
{
    public const string AuditEntityType = "User";
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    public async Task<Result<UserPage>> ListAsync(int? limit, string? after, CancellationToken ct)
    {
        var take = limit ?? 50;
        if (take is < 1 or > 500)
            return Error.Validation("limit", "Between 1 and 500.");
        string? afterEmail = null;
        if (after is not null && !TryReadCursor(after, out afterEmail))
            return Error.Validation("after", "The cursor is not valid for this list.");
        var companies = await AdminCompaniesAsync(ct);
        var query = db.Users.AsNoTracking().Where(u => u.Memberships.Any(m => companies.Contains(m.CompanyId)));
        if (afterEmail is not null)
            query = query.Where(u => string.Compare(u.NormalizedEmail, afterEmail) > 0);
        var rows = await query.OrderBy(u => u.NormalizedEmail)
            .Select(u => new { u.NormalizedEmail, Item = new UserSummaryDto(u.Id, u.Email ?? "", u.DisplayName, u.IsActive) })
            .Take(take + 1)
            .ToListAsync(ct);
        string? next = null;
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            next = Convert.ToBase64String(Encoding.UTF8.GetBytes(rows[^1].NormalizedEmail ?? "")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }
        return new UserPage(rows.Select(r => r.Item).ToList(), next);
    }

    public async Task<Result<UserDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var companies = await AdminCompaniesAsync(ct);
        var user = await db.Users.AsNoTracking().Include(u => u.Memberships)
            .SingleOrDefaultAsync(u => u.Id == id && u.Memberships.Any(m => companies.Contains(m.CompanyId)), ct);
        return user is null ? Error.NotFound("User") : await ToDtoAsync(user, ct);
    }

    public async Task<Result<UserDto>> CreateAsync(CreateUserRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("password", request.Password, 200);
        if (request.Password is { Length: > 0 and <= 200 } password)
        {
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, new TandemUser(), password);
                foreach (var error in check.Errors)
                    errors.Add("password", error.Description);
            }
        }
        return await CreateUserAsync(request.Email, request.DisplayName, request.Password, request.Memberships, errors, ct);
    }

    public async Task<Result<InvitationDto>> InviteAsync(InviteUserRequest request, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var created = await CreateUserAsync(request.Email, request.DisplayName, null, request.Memberships, new FieldErrors(), ct);
        if (!created.IsSuccess)
            return created.Error!;
        var user = await users.FindByIdAsync(created.Value.Id.ToString());
        var token = await users.GeneratePasswordResetTokenAsync(user!);
        var link = $"/account/set-password?email={Uri.EscapeDataString(user!.Email!)}&token={Uri.EscapeDataString(token)}";
        var expiresAt = clock.GetUtcNow() + InvitationLifetime;
        // The message commits with the user; with no SMTP server it is kept as not sent and the admin passes the link on.
        var mail = await mailer.QueueAsync(company.CompanyId, InvitationMail(user.Email!, user.DisplayName, mailer.PublicUrl + link, expiresAt), ct);
        await unit.CommitAsync(ct);
        return new InvitationDto(created.Value, token, link, expiresAt, mail.Id, mail.Status, mail.Reason);
    }

    private static Mail.OutgoingMail InvitationMail(string email, string name, string link, DateTimeOffset expiresAt)
    {
        var until = expiresAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var html = $"<p>Hello {System.Net.WebUtility.HtmlEncode(name)},</p>" +
                   "<p>You have been invited to Tandem. Choose your password to sign in:</p>" +
                   $"<p><a href=\"{System.Net.WebUtility.HtmlEncode(link)}\">Set your password</a></p>" +
                   $"<p>The link works once, until {until}.</p>";
        var text = $"Hello {name},\n\nYou have been invited to Tandem. Choose your password to sign in:\n\n{link}\n\nThe link works once, until {until}.\n";
        return new Mail.OutgoingMail([email], "Your invitation to Tandem", html, text);
    }

    private async Task<Result<UserDto>> CreateUserAsync(
        string? email, string? displayName, string? password, MembershipInput[]? memberships, FieldErrors errors, CancellationToken ct)
    {
        errors.Required("email", email, 254)
            .When(email is { Length: > 0 and <= 254 } e && !IsEmail(e), "email", "Not an email address.")
            .Optional("displayName", displayName, 200)
            .When(memberships is null || memberships.Length == 0, "memberships", "At least one company with roles.");
        var membershipCheck = await ValidateMembershipsAsync(memberships ?? [], errors, ct);
        if (errors.Any)
            return errors.ToError();
        if (membershipCheck is { } refused)
            return refused;
        if (await users.FindByEmailAsync(email!) is not null)
            return Error.Conflict("email_taken", "A user with this email exists already.");

        await using var unit = await session.BeginAsync(ct);
        var mail = email!.Trim();
        var user = new TandemUser
        {
            UserName = mail,
            Email = mail,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? mail : displayName.Trim(),
            EmailConfirmed = true,
            DefaultCompanyId = memberships![0].CompanyId,
            CreatedAt = clock.GetUtcNow(),
        };
        IdentityResult result;
        try
        {
            result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        }
        catch (DbUpdateException)
        {
            // Two administrators creating the same email at once: the unique user name index decides.
            return Error.Conflict("email_taken", "A user with this email exists already.");
        }
        if (!result.Succeeded)
        {
            var identityErrors = new FieldErrors();
            foreach (var error in result.Errors)
                identityErrors.Add(error.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email", error.Description);
            return identityErrors.ToError();
        }
        foreach (var membership in memberships)
        {
            var roles = membership.Roles!.Distinct(StringComparer.Ordinal).ToList();
            db.Memberships.Add(new Membership { UserId = user.Id, CompanyId = membership.CompanyId, Roles = roles });
            await audit.RecordAsync(AuditEntityType, user.Id, membership.CompanyId, ChangeAction.Insert, new Dictionary<string, FieldChange>
            {
                ["email"] = new(null, user.Email),
                ["displayName"] = new(null, user.DisplayName),
                ["roles"] = new(null, roles),
            }, ct);
        }
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await ToDtoAsync(user, ct);
    }

    /// <summary>Sets the user's roles in the companies the caller administers; other companies' memberships are kept.</summary>
    public async Task<Result<UserDto>> UpdateMembershipsAsync(Guid id, UpdateMembershipsRequest request, Func<string, Error?> checkVersion, CancellationToken ct)
    {
        var companies = await AdminCompaniesAsync(ct);
        var user = await db.Users.Include(u => u.Memberships)
            .SingleOrDefaultAsync(u => u.Id == id && u.Memberships.Any(m => companies.Contains(m.CompanyId)), ct);
        if (user is null)
            return Error.NotFound("User");
        if (checkVersion(user.ConcurrencyStamp ?? "") is { } stale)
            return stale;
        var errors = new FieldErrors().When(request.Memberships is null, "memberships", "Required; an empty list removes every membership you manage.");
        var refused = await ValidateMembershipsAsync(request.Memberships ?? [], errors, ct);
        if (errors.Any)
            return errors.ToError();
        if (refused is not null)
            return refused;
        var desired = request.Memberships!.ToDictionary(m => m.CompanyId, m => m.Roles!.Distinct(StringComparer.Ordinal).ToList());
        if (user.Id == me.UserId && companies.Any(c => !desired.TryGetValue(c, out var roles) || !roles.Contains(Roles.Admin)))
            return Error.Conflict("cannot_remove_own_admin", "You cannot remove your own admin role; ask another administrator.");

        await using var unit = await session.BeginAsync(ct);
        var changed = false;
        foreach (var companyId in companies)
        {
            var current = user.Memberships.FirstOrDefault(m => m.CompanyId == companyId);
            desired.TryGetValue(companyId, out var roles);
            if (current is null && roles is null)
                continue;
            if (current is not null && roles is not null && current.Roles.Order().SequenceEqual(roles.Order()))
                continue;
            var before = current?.Roles.ToList();
            if (current is null)
                db.Memberships.Add(new Membership { UserId = user.Id, CompanyId = companyId, Roles = roles! });
            else if (roles is null)
                db.Memberships.Remove(current);
            else
                current.Roles = roles;
            await audit.RecordAsync(AuditEntityType, user.Id, companyId,
                current is null ? ChangeAction.Insert : roles is null ? ChangeAction.Delete : ChangeAction.Update,
                new Dictionary<string, FieldChange> { ["roles"] = new(before, roles) }, ct);
            changed = true;
        }
        if (changed)
        {
            var remaining = user.Memberships.Where(m => desired.ContainsKey(m.CompanyId) || !companies.Contains(m.CompanyId)).Select(m => m.CompanyId)
                .Concat(desired.Keys).ToHashSet();
            if (user.DefaultCompanyId is { } home && !remaining.Contains(home))
                user.DefaultCompanyId = remaining.Count > 0 ? remaining.First() : null;
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            await db.SaveChangesAsync(ct);
        }
        await unit.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return await GetAsync(id, ct);
    }

    /// <summary>Deactivates or reactivates a user; a deactivated user's tokens and sessions stop working at their next request.</summary>
    public async Task<Result<UserDto>> SetActiveAsync(Guid id, bool active, CancellationToken ct)
    {
        var companies = await AdminCompaniesAsync(ct);
        var user = await db.Users.Include(u => u.Memberships)
            .SingleOrDefaultAsync(u => u.Id == id && u.Memberships.Any(m => companies.Contains(m.CompanyId)), ct);
        if (user is null)
            return Error.NotFound("User");
        if (!active && user.Id == me.UserId)
            return Error.Conflict("cannot_deactivate_self", "You cannot deactivate yourself.");
        if (user.IsActive != active)
        {
            await using var unit = await session.BeginAsync(ct);
            user.IsActive = active;
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            await audit.RecordAsync(AuditEntityType, user.Id, company.CompanyId, ChangeAction.Update,
                new Dictionary<string, FieldChange> { ["isActive"] = new(!active, active) }, ct);
            await db.SaveChangesAsync(ct);
            await unit.CommitAsync(ct);
        }
        return await ToDtoAsync(user, ct);
    }

    /// <summary>The companies where the caller holds the admin role.</summary>
    public async Task<List<Guid>> AdminCompaniesAsync(CancellationToken ct)
    {
        var mine = await db.Memberships.AsNoTracking().Where(m => m.UserId == me.UserId).ToListAsync(ct);
        return mine.Where(m => m.Roles.Contains(Roles.Admin)).Select(m => m.CompanyId).ToList();
    }

    // Field errors go into errors; a company the caller does not administer is a 403 of its own.
    private async Task<Error?> ValidateMembershipsAsync(MembershipInput[] memberships, FieldErrors errors, CancellationToken ct)
    {
        for (var i = 0; i < memberships.Length; i++)
        {
            if (memberships[i] is null)
            {
                errors.Add($"memberships[{i}]", "A company with roles; not null.");
                continue;
            }
            var roles = memberships[i].Roles;
            if (roles is null || roles.Length == 0)
                errors.Add($"memberships[{i}].roles", "At least one role.");
            else if (roles.Any(r => r is null))
                errors.Add($"memberships[{i}].roles", "A role name; not null.");
            else if (roles.FirstOrDefault(r => !Roles.IsKnown(r)) is { } unknown)
                errors.Add($"memberships[{i}].roles", $"Unknown role '{(unknown.Length > 40 ? unknown[..40] : unknown)}'. Roles: {string.Join(", ", Roles.All)}.");
            if (memberships.Take(i).Any(m => m is not null && m.CompanyId == memberships[i].CompanyId))
                errors.Add($"memberships[{i}].companyId", "Each company once.");
        }
        var ids = memberships.Where(m => m is not null).Select(m => m.CompanyId).Distinct().ToList();
        var existing = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        for (var i = 0; i < memberships.Length; i++)
        {
            if (memberships[i] is not null && !existing.Contains(memberships[i].CompanyId))
                errors.Add($"memberships[{i}].companyId", "No such company.");
        }
        var administered = await AdminCompaniesAsync(ct);
        return ids.Any(id => existing.Contains(id) && !administered.Contains(id))
            ? new Error("not_company_admin", "You can only manage memberships in companies where you are an admin.", ErrorKind.Forbidden)
            : null;
    }

    private async Task<UserDto> ToDtoAsync(TandemUser user, CancellationToken ct)
    {
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id)
            .Join(db.Companies, m => m.CompanyId, c => c.Id, (m, c) => new { m.CompanyId, c.Code, m.Roles })
            .ToListAsync(ct);
        return new UserDto(user.Id, user.Email ?? "", user.DisplayName, user.IsActive, user.PasswordHash is not null, user.DefaultCompanyId,
            user.CreatedAt, user.ConcurrencyStamp ?? "",
            memberships.OrderBy(m => m.Code, StringComparer.Ordinal).Select(m => new MembershipDto(m.CompanyId, m.Code, m.Roles)).ToList());
    }


    private static bool TryReadCursor(string cursor, out string? email)
    {
        email = null;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            email = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            return email.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    internal static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < value.Length - 3 && value.IndexOf('.', at) > at + 1 && !value.Contains(' ', StringComparison.Ordinal);
    }
}
