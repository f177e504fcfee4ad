namespace Sessions.Tests.Fixtures;

/// <summary>Where the solution's own programs were built, next to this test assembly's build.</summary>
public static class BuiltApps
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Debug or Release, the same as this test assembly's build.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0

    public static string WebFrontendDll => Dll("WebFrontend", "Sessions.WebFrontend.dll");

    public static string SiloDll => Dll("Silo", "Sessions.Silo.dll");

    private static string Dll(string project, string file)
    {
        var path = Path.Combine(RepositoryRoot, project, "bin", Configuration, "net10.0", file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{project} is not built ({path}); build Sessions.sln first.");
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sessions.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Sessions.sln not found above " + AppContext.BaseDirectory);
    }
}
