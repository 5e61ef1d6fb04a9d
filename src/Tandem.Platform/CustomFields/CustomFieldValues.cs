using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tandem.SharedKernel;

namespace Tandem.Platform.CustomFields;

/// <summary>
/// Validates custom field values against their definitions and stores them as one JSON object per record:
/// text, choice and date (<c>yyyy-MM-dd</c>) as strings, numbers as JSON numbers, booleans as true/false,
/// keys in ordinal order. The same canonical form is what list filters compare in SQL.
/// </summary>
public static class CustomFieldValues
{
    public const string InvalidCode = "custom_field_invalid";

    /// <summary>The stored JSON for the values, or the refusal naming every bad field.</summary>
    public static Result<string?> Validate(IReadOnlyList<CustomFieldDefinition> definitions, IReadOnlyDictionary<string, JsonElement>? values)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var stored = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        var byKey = definitions.ToDictionary(d => d.Key, StringComparer.Ordinal);
        foreach (var (key, value) in values ?? new Dictionary<string, JsonElement>())
        {
            if (!byKey.TryGetValue(key, out var definition))
            {
                errors[$"customFields.{key}"] = ["No such custom field."];
                continue;
            }
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                continue;
            var node = Canonical(definition, value, out var message);
            if (node is null)
                errors[$"customFields.{key}"] = [message!];
            else
                stored[key] = node;
        }
        foreach (var missing in definitions.Where(d => d.Required && !stored.ContainsKey(d.Key) && !errors.ContainsKey($"customFields.{d.Key}")))
            errors[$"customFields.{missing.Key}"] = ["Required."];
        if (errors.Count > 0)
            return new Error(InvalidCode, "One or more custom fields are invalid.") { Fields = errors };
        if (stored.Count == 0)
            return Result<string?>.Success(null);
        var json = new JsonObject();
        foreach (var (key, node) in stored)
            json[key] = node;
        return json.ToJsonString();
    }

    /// <summary>The canonical JSON value, or null with the reason.</summary>
    public static JsonNode? Canonical(CustomFieldDefinition definition, JsonElement value, out string? message)
    {
        message = null;
        switch (definition.Type)
        {
            case CustomFieldType.Text when value.ValueKind == JsonValueKind.String:
                var text = value.GetString()!.Trim();
                if (text.Length > 1000)
                {
                    message = "At most 1000 characters.";
                    return null;
                }
                return JsonValue.Create(text);
            case CustomFieldType.Number when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number):
                return JsonValue.Create(number / 1.0000000000000000000000000000m);
            case CustomFieldType.Date when value.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                return JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            case CustomFieldType.Choice when value.ValueKind == JsonValueKind.String:
                var choice = definition.Options.FirstOrDefault(o => string.Equals(o, value.GetString(), StringComparison.OrdinalIgnoreCase));
                if (choice is null)
                {
                    message = $"One of: {string.Join(", ", definition.Options)}.";
                    return null;
                }
                return JsonValue.Create(choice);
            case CustomFieldType.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(value.GetBoolean());
        }
        message = definition.Type switch
        {
            CustomFieldType.Number => "A number.",
            CustomFieldType.Date => "A date as yyyy-MM-dd.",
            CustomFieldType.Boolean => "true or false.",
            CustomFieldType.Choice => $"One of: {string.Join(", ", definition.Options)}.",
            _ => "Text.",
        };
        return null;
    }

    /// <summary>The stored values as the API returns them.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return new Dictionary<string, JsonElement>();
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    /// <summary>The survivor's values with the keys it lacks taken from the other record (used by merges).</summary>
    public static string? Merge(string? survivor, string? other)
    {
        if (string.IsNullOrEmpty(other))
            return survivor;
        if (string.IsNullOrEmpty(survivor))
            return other;
        var merged = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in Read(other))
            merged[key] = value;
        foreach (var (key, value) in Read(survivor))
            merged[key] = value;
        return JsonSerializer.Serialize(merged);
    }

    /// <summary>A value as a CSV cell or a page shows it.</summary>
    public static string Display(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };
}
