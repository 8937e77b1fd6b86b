namespace SymposiumBooking.Web.Tests.Harness;

public static class RepoPaths
{
    /// <summary>The checkout's top folder: the first parent of the test binaries holding SymposiumBooking.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SymposiumBooking.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SymposiumBooking.sln not found above " + AppContext.BaseDirectory);
    }
}
