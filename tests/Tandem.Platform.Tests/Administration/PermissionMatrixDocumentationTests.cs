using Tandem.Host;
using Tandem.Platform.Security;

namespace Tandem.Platform.Tests.Administration;

/// <summary>The roles table in the administration guide says what <see cref="PermissionMatrix"/> grants.</summary>
public sealed class PermissionMatrixDocumentationTests
{
    [Fact]
    public void Roles_table_in_the_administration_guide_matches_the_permission_matrix()
    {
        // One row per permission and one column per role, so a new module adds rows and the table stays readable.
        var expected = ExpectedTable(new PermissionCatalog(TandemApp.CreateModules()));
        var documented = DocumentedTable();
        Assert.True(
            expected.Select(Normalised).SequenceEqual(documented.Select(Normalised)),
            "The guide's permission table differs from the matrix. It should read:\n" + string.Join("\n", expected));
    }

    private static List<string> ExpectedTable(PermissionCatalog catalog)
    {
        var grants = Roles.All.ToDictionary(role => role, role => PermissionMatrix.Resolve([role], catalog.Names));
        var lines = new List<string>
        {
            "| permission | " + string.Join(" | ", Roles.All) + " |",
            "|---|" + string.Concat(Roles.All.Select(_ => "---|")),
        };
        foreach (var permission in catalog.Names.Order(StringComparer.Ordinal))
            lines.Add($"| {permission} | " + string.Join(" | ", Roles.All.Select(role => grants[role].Contains(permission) ? "x" : " ")) + " |");
        return lines;
    }

    private static string Normalised(string line) => string.Join("|", Cells(line));

    private static List<string> DocumentedTable()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Tandem.slnx")))
            folder = folder.Parent;
        Assert.NotNull(folder);
        var text = File.ReadAllLines(Path.Combine(folder.FullName, "docs", "user-guide", "administration.md"));
        var start = Array.IndexOf(text, "<!-- permission-matrix:start -->");
        var end = Array.IndexOf(text, "<!-- permission-matrix:end -->");
        Assert.True(start >= 0 && end > start + 2, "The guide's permission matrix markers are missing.");
        return text[(start + 1)..end].ToList();
    }

    private static List<string> Cells(string line) =>
        line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();
}
