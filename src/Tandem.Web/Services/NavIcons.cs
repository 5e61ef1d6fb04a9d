using System.Reflection;
using MudBlazor;

namespace Tandem.Web.Services;

/// <summary>Turns a module's Material icon name (<c>people</c>, <c>inventory_2</c>) into MudBlazor's SVG icon.</summary>
public static class NavIcons
{
    // Case-sensitive: MudBlazor has both AddChart and Addchart.
    private static readonly Dictionary<string, string> ByName = typeof(Icons.Material.Filled)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(string))
        .ToDictionary(f => f.Name, f => (string)f.GetValue(null)!, StringComparer.Ordinal);

    public static string For(string name)
    {
        var pascal = string.Concat(name.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return ByName.GetValueOrDefault(pascal) ?? Icons.Material.Filled.Circle;
    }
}
