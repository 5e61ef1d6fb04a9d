namespace Tandem.Platform.Identity.Administration;

public sealed record MembershipInput(Guid CompanyId, string[]? Roles);

public sealed record CreateUserRequest(string? Email, string? DisplayName, string? Password, MembershipInput[]? Memberships);

public sealed record InviteUserRequest(string? Email, string? DisplayName, MembershipInput[]? Memberships);

public sealed record UpdateMembershipsRequest(MembershipInput[]? Memberships);

public sealed record CreateCompanyRequest(string? Code, string? Name, string? Currency);

public sealed record SetPasswordRequest(string? Email, string? Token, string? Password);

public sealed record MembershipDto(Guid CompanyId, string CompanyCode, IReadOnlyList<string> Roles);

/// <summary>A user as administrators see them; <see cref="Version"/> is the ETag for changes.</summary>
public sealed record UserDto(
    Guid Id, string Email, string DisplayName, bool IsActive, bool HasPassword, Guid? DefaultCompanyId,
    DateTimeOffset CreatedAt, string Version, IReadOnlyList<MembershipDto> Memberships);

public sealed record UserSummaryDto(Guid Id, string Email, string DisplayName, bool IsActive);

/// <summary>A new invitation: the link, and the invitation email's id and status (<c>not_sent</c> with a reason when no SMTP server is configured).</summary>
public sealed record InvitationDto(UserDto User, string Token, string Link, DateTimeOffset ExpiresAt, Guid MailId, string MailStatus, string? MailReason);

public sealed record CompanyDto(Guid Id, string Code, string Name, string Currency, DateTimeOffset CreatedAt);

public sealed record MyCompanyDto(Guid Id, string Code, string Name, IReadOnlyList<string> Roles, bool IsDefault);

public sealed record UserPage(IReadOnlyList<UserSummaryDto> Items, string? NextCursor);
