using Tandem.SharedKernel;

namespace Tandem.Web.Services;

/// <summary>Shows a handler's per-field validation errors next to the matching inputs.</summary>
public static class FieldMessages
{
    public static string? For(Error? error, string field) =>
        error?.Fields is { } fields && fields.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public static bool Has(Error? error, string field) => For(error, field) is not null;
}
