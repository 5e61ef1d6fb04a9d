using Microsoft.AspNetCore.Identity;
using Tandem.SharedKernel;

namespace Tandem.Platform.Identity.Administration;

/// <summary>Accepting an invitation: the invited user chooses a password with the one-time token.</summary>
public sealed class Invitations(UserManager<TandemUser> users)
{
    public static readonly Error InvalidToken =
        new("invalid_token", "The link is invalid, used or expired; ask an administrator for a new invitation.", ErrorKind.Validation);

    public async Task<Result<bool>> AcceptAsync(SetPasswordRequest request)
    {
        var errors = new FieldErrors()
            .Required("email", request.Email, 254)
            .Required("token", request.Token, 2000)
            .Required("password", request.Password, 200);
        if (errors.Any)
            return errors.ToError();
        var user = await users.FindByEmailAsync(request.Email!);
        if (user is null || !user.IsActive)
            return InvalidToken;
        var result = await users.ResetPasswordAsync(user, request.Token!, request.Password!);
        if (result.Succeeded)
            return true;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            return InvalidToken;
        var invalid = new FieldErrors();
        foreach (var error in result.Errors)
            invalid.Add("password", error.Description);
        return invalid.ToError();
    }
}
