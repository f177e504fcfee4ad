using System.Xml.Linq;

namespace Sessions.Tests.Packaging;

/// <summary>
/// The shape of the packages, read from the project files: libraries never reference an executable, the contracts
/// depend on the Orleans SDK only, the ASP.NET Core library knows grains only through their interfaces and no database
/// driver, and the demo sees no library internals.
/// </summary>
public sealed class ProjectDependencyTests
{
    private static readonly string[] Libraries = ["Grains.Interfaces", "Configuration", "Grains", "Storage", "Hosting", "AspNetCore"];
    private static readonly string[] Executables = ["Silo", "WebFrontend"];

    [Fact]
    public void NoLibrary_ReferencesAnExecutable()
    {
        foreach (var library in Libraries)
        {
            Assert.Empty(ProjectClosure(library).Intersect(Executables));
        }
    }

    [Fact]
    public void Contracts_DependOnTheOrleansSdkOnly()
    {
        Assert.Empty(ProjectReferences("Grains.Interfaces"));
        Assert.Equal(["Microsoft.Orleans.Sdk"], PackageReferences("Grains.Interfaces"));
    }

    [Fact]
    public void AspNetCoreLibrary_ReferencesNeitherGrainsNorStorageNorADatabaseDriver()
    {
        var projects = ProjectClosure("AspNetCore");
        Assert.DoesNotContain("Grains", projects);
        Assert.DoesNotContain("Storage", projects);
        Assert.DoesNotContain("Hosting", projects);
        var packages = projects.Append("AspNetCore").SelectMany(PackageReferences).ToList();
        Assert.DoesNotContain("Npgsql", packages);
        Assert.DoesNotContain("Microsoft.Data.Sqlite", packages);
    }

    [Fact]
    public void Demo_SeesNoInternalOfALibrary()
    {
        var grants = Libraries.Select(Project).Append(Xml(Path.Combine(BuiltApps.RepositoryRoot, "Directory.Build.targets")))
            .SelectMany(project => project.Descendants("InternalsVisibleTo"))
            .Select(item => (string?)item.Attribute("Include"));
        Assert.DoesNotContain("Sessions.WebFrontend", grants);
        Assert.DoesNotContain("Sessions.Silo", grants);
    }

    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(ProjectReferences(project));
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var reference in ProjectReferences(next))
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    private static List<string> ProjectReferences(string project) => Project(project).Descendants("ProjectReference")
        .Select(item => Path.GetFileNameWithoutExtension(((string)item.Attribute("Include")!).Replace('\\', '/')))
        .ToList();

    private static List<string> PackageReferences(string project) => Project(project).Descendants("PackageReference")
        .Select(item => (string)item.Attribute("Include")!)
        .ToList();

    private static XDocument Project(string name) => Xml(Path.Combine(BuiltApps.RepositoryRoot, name, name + ".csproj"));

    private static XDocument Xml(string path) => XDocument.Load(path);
}
