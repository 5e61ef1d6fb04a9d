using Tandem.Host;
using Tandem.Platform.Security;

namespace Tandem.Platform.Tests.Administration;

/// <summary>The roles table in the administration guide says what <see cref="PermissionMatrix"/> grants.</summary>
public sealed class PermissionMatrixDocumentationTests
{
    [Fact]
    public void Roles_table_in_the_administration_guide_matches_the_permission_matrix()
    {
        var catalog = new PermissionCatalog(TandemApp.CreateModules());
        var lines = DocumentedTable();
        var columns = Cells(lines[0]).Skip(1).ToList();
        Assert.Equal(catalog.Names.Order(StringComparer.Ordinal), columns.Order(StringComparer.Ordinal));

        var rows = lines.Skip(2).Select(Cells).ToList();
        Assert.Equal(Roles.All, rows.Select(r => r[0]));
        foreach (var row in rows)
        {
            var granted = PermissionMatrix.Resolve([row[0]], catalog.Names);
            for (var i = 0; i < columns.Count; i++)
                Assert.True(granted.Contains(columns[i]) == (row[i + 1] == "x"), $"{row[0]} / {columns[i]}: the guide says '{row[i + 1]}'.");
        }
    }

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
