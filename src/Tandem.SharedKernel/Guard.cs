namespace Tandem.SharedKernel;

/// <summary>Collects field errors while a command is validated, so every bad field is reported at once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public FieldErrors Required(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
            Add(field, "Required.");
        else if (value.Length > maxLength)
            Add(field, $"At most {maxLength} characters.");
        return this;
    }

    public FieldErrors Optional(string field, string? value, int maxLength = 200)
    {
        if (value is not null && value.Length > maxLength)
            Add(field, $"At most {maxLength} characters.");
        return this;
    }

    public FieldErrors When(bool invalid, string field, string message) => invalid ? Add(field, message) : this;

    public Error ToError() =>
        Error.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
