using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace Tandem.ArchitectureTests;

/// <summary>
/// A module may use another module only through its contracts project. Checked twice: on the project
/// files (what the build may reference) and on the compiled assemblies (what the code really uses).
/// </summary>
public class ModuleBoundaryTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Modules() => [.. ModuleNames()];

    [Fact]
    public void Every_module_folder_is_found() =>
        Assert.Contains("Parties", ModuleNames());

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_projects_reference_no_other_module_implementation(string module)
    {
        var project = Path.Combine(Root, "src", "Modules", module, $"Tandem.{module}", $"Tandem.{module}.csproj");
        var references = XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')));
        Assert.Empty(Violations(module, references));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_assemblies_use_no_other_module_implementation(string module)
    {
        var assembly = Assembly.Load($"Tandem.{module}");
        Assert.Empty(Violations(module, assembly.GetReferencedAssemblies().Select(a => a.Name!)));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Contracts_depend_only_on_the_shared_kernel(string module)
    {
        var assembly = Assembly.Load($"Tandem.{module}.Contracts");
        var tandem = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Tandem.", StringComparison.Ordinal));
        Assert.All(tandem, name => Assert.Equal("Tandem.SharedKernel", name));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_types_are_internal_except_the_module_and_its_dtos(string module)
    {
        var assembly = Assembly.Load($"Tandem.{module}");
        var domainTypes = assembly.GetTypes().Where(t => t.Namespace?.Contains(".Domain", StringComparison.Ordinal) == true || t.Namespace?.EndsWith(".Data", StringComparison.Ordinal) == true);
        Assert.All(domainTypes, t => Assert.False(t.IsPublic, $"{t.FullName} should be internal: the module's public surface is its contracts."));
    }

    /// <summary>The rule itself is checked on a graph that breaks it, so it cannot pass by looking at nothing.</summary>
    [Fact]
    public void The_rule_reports_a_reference_to_another_module_implementation()
    {
        var violations = Violations("Catalog", ["Tandem.Platform", "Tandem.Parties.Contracts", "Tandem.Parties"]);
        Assert.Equal(["Tandem.Parties"], violations);
    }

    private static List<string> Violations(string module, IEnumerable<string> references)
    {
        var others = ModuleNames().Where(m => m != module).Select(m => $"Tandem.{m}").ToHashSet(StringComparer.Ordinal);
        return references.Where(others.Contains).ToList();
    }

    private static IEnumerable<string> ModuleNames() =>
        Directory.GetDirectories(Path.Combine(Root, "src", "Modules")).Select(Path.GetFileName).OfType<string>().Order();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tandem.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Tandem.slnx not found above the test folder.");
    }
}
