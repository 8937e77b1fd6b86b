using System.Text.Json;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// The Dockerfile, compose.yaml, the Kubernetes manifests and the workflows, checked offline: no container runtime works
/// on the project's machines and kubectl's dry run needs a server (docs/operations.md, "Containers and Kubernetes").
/// YAML is read by Debian's python3-yaml (infra/test.sh installs it), which shares no code with anything here.
/// </summary>
public sealed class DeploymentFilesTests
{
    private static readonly string Root = RepoPaths.Root;
    private static readonly string[] Secrets = ["ConnectionStrings__Booking", "DataProtection__KeyEncryptionKey", "Bootstrap__OrganizerPassword"];
    private static readonly string[] RootUsers = ["root", "0"];
    private static readonly string[] ComposeServices = ["app", "db", "mail", "migrate"];
    private static readonly string[] NotSearched = ["node_modules", "bin", "obj", ".git", ".data", "TestResults"];

    [Fact]
    public async Task Every_yaml_file_of_the_repository_parses()
    {
        var files = YamlFiles();

        var parsed = await ParseYamlAsync(files);

        Assert.Contains(Path.Combine(Root, "compose.yaml"), files);
        Assert.Contains(Path.Combine(Root, "infra", "k8s", "deployment.yaml"), files);
        Assert.All(parsed, documents => Assert.NotEmpty(documents));
    }

    [Fact]
    public async Task The_deployment_runs_two_non_root_replicas_with_both_probes_and_secrets_by_reference_only()
    {
        var manifests = await ManifestsAsync();
        var deployment = Assert.Single(manifests, m => Kind(m) == "Deployment");
        var spec = deployment.GetProperty("spec");
        var pod = spec.GetProperty("template").GetProperty("spec");
        var container = Assert.Single(pod.GetProperty("containers").EnumerateArray());

        Assert.Equal(2, spec.GetProperty("replicas").GetInt32());
        Assert.Equal("/health/ready", container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal("/health/live", container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        Assert.True(pod.GetProperty("securityContext").GetProperty("runAsNonRoot").GetBoolean());
        Assert.NotEqual(0, pod.GetProperty("securityContext").GetProperty("runAsUser").GetInt32());

        var env = container.GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        foreach (var secret in Secrets)
        {
            Assert.True(env.TryGetValue(secret, out var variable), $"{secret} is not set on the app's container");
            Assert.False(variable.TryGetProperty("value", out _), $"{secret} has a literal value: it must come from a Secret");
            Assert.True(variable.GetProperty("valueFrom").TryGetProperty("secretKeyRef", out _), $"{secret} does not come from a Secret");
        }

        Assert.DoesNotContain(manifests, m => Kind(m) == "Secret");
    }

    [Fact]
    public async Task The_service_selects_the_deployments_pods_and_a_job_runs_the_migrations()
    {
        var manifests = await ManifestsAsync();
        var podLabels = Assert.Single(manifests, m => Kind(m) == "Deployment")
            .GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels");
        var selector = Assert.Single(manifests, m => Kind(m) == "Service").GetProperty("spec").GetProperty("selector");
        var job = Assert.Single(manifests, m => Kind(m) == "Job");

        Assert.All(selector.EnumerateObject(), label => Assert.Equal(label.Value.GetString(), podLabels.GetProperty(label.Name).GetString()));
        var migrate = Assert.Single(job.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers").EnumerateArray());
        Assert.Contains("migrate", migrate.GetProperty("image").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_migrates_before_the_app_starts_and_takes_its_secrets_from_the_environment()
    {
        var compose = Assert.Single(Assert.Single(await ParseYamlAsync([Path.Combine(Root, "compose.yaml")])));
        var services = compose.GetProperty("services");

        Assert.Equal(ComposeServices, services.EnumerateObject().Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal("migrate", services.GetProperty("migrate").GetProperty("build").GetProperty("target").GetString());
        Assert.Equal("runtime", services.GetProperty("app").GetProperty("build").GetProperty("target").GetString());
        Assert.Equal("service_completed_successfully",
            services.GetProperty("app").GetProperty("depends_on").GetProperty("migrate").GetProperty("condition").GetString());
        var appEnv = services.GetProperty("app").GetProperty("environment");
        Assert.StartsWith("${", appEnv.GetProperty("DataProtection__KeyEncryptionKey").GetString(), StringComparison.Ordinal);
        Assert.Contains("${", appEnv.GetProperty("ConnectionStrings__Booking").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_is_built_by_the_publish_script_and_runs_as_a_non_root_user_with_a_health_check()
    {
        var stages = DockerfileStages(File.ReadAllText(Path.Combine(Root, "Dockerfile")));

        var build = Assert.Single(stages, s => s.Name == "build");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", build.From, StringComparison.Ordinal);
        Assert.Contains(build.Instructions, i => i.Keyword == "RUN" && i.Arguments.Contains("bash infra/publish.sh /out", StringComparison.Ordinal));

        var runtime = stages[^1]; // the image `docker build .` makes
        Assert.Equal("runtime", runtime.Name);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", runtime.From, StringComparison.Ordinal);
        Assert.Contains(runtime.Instructions, i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build /out/app", StringComparison.Ordinal));
        var user = Assert.Single(runtime.Instructions, i => i.Keyword == "USER").Arguments;
        Assert.DoesNotContain(user.Split(':')[0], RootUsers);
        var healthCheck = Assert.Single(runtime.Instructions, i => i.Keyword == "HEALTHCHECK").Arguments;
        Assert.Contains("/health/live", healthCheck, StringComparison.Ordinal);
        Assert.DoesNotContain(runtime.Instructions, i => i.Arguments.Contains("curl", StringComparison.Ordinal) || i.Arguments.Contains("wget", StringComparison.Ordinal));

        var migrate = Assert.Single(stages, s => s.Name == "migrate");
        Assert.Contains(migrate.Instructions, i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build /out/migrations.sql", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_release_workflow_runs_on_version_tags_and_publishes_with_the_publish_script()
    {
        var workflow = Assert.Single(Assert.Single(await ParseYamlAsync([Path.Combine(Root, ".github", "workflows", "release.yml")])));
        // YAML 1.1 reads a bare `on` as a boolean: python3-yaml gives the key true, "true" in JSON.
        var on = workflow.TryGetProperty("on", out var named) ? named : workflow.GetProperty("true");
        var steps = workflow.GetProperty("jobs").EnumerateObject()
            .SelectMany(job => job.Value.GetProperty("steps").EnumerateArray())
            .Select(step => step.TryGetProperty("run", out var run) ? run.GetString() ?? "" : "")
            .ToList();

        Assert.Contains("v*", on.GetProperty("push").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains(steps, run => run.Contains("bash infra/test.sh", StringComparison.Ordinal));
        Assert.Contains(steps, run => run.Contains("bash infra/publish.sh", StringComparison.Ordinal));
    }

    private static string Kind(JsonElement manifest) => manifest.GetProperty("kind").GetString()!;

    private static async Task<List<JsonElement>> ManifestsAsync() =>
        [.. (await ParseYamlAsync([.. Directory.GetFiles(Path.Combine(Root, "infra", "k8s"), "*.yaml")])).SelectMany(documents => documents)];

    private static List<string> YamlFiles() => [.. YamlFilesUnder(Root).Order(StringComparer.Ordinal)];

    /// <summary>Walked by hand, so that build output, packages and the database clusters are never entered.</summary>
    private static IEnumerable<string> YamlFilesUnder(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal))
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(folder).Where(d => !NotSearched.Contains(Path.GetFileName(d))))
        {
            foreach (var file in YamlFilesUnder(sub))
            {
                yield return file;
            }
        }
    }

    /// <summary>Each file's YAML documents, as JSON, read by python3-yaml's safe loader.</summary>
    private static async Task<List<List<JsonElement>>> ParseYamlAsync(IReadOnlyList<string> files)
    {
        const string Script = """
            import json, sys, yaml
            out = []
            for path in sys.argv[1:]:
                with open(path, encoding="utf-8") as f:
                    out.append([d for d in yaml.safe_load_all(f) if d is not None])
            json.dump(out, sys.stdout, default=str)
            """;
        var python = await Processes.RunAsync("/usr/bin/python3", ["-c", Script, .. files]);
        Assert.True(python.ExitCode == 0,
            $"python3-yaml could not read the YAML files (run 'bash infra/test.sh', which installs python3-yaml):\n{python.Errors}");
        return JsonSerializer.Deserialize<List<List<JsonElement>>>(python.Output)!;
    }

    private sealed record Instruction(string Keyword, string Arguments);

    private sealed record Stage(string From, string? Name, List<Instruction> Instructions);

    /// <summary>The Dockerfile's stages: continuation lines joined, comments dropped, one instruction per line.</summary>
    private static List<Stage> DockerfileStages(string dockerfile)
    {
        var stages = new List<Stage>();
        var lines = dockerfile.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'));
        foreach (var line in lines)
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            var instruction = new Instruction(parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1] : "");
            if (instruction.Keyword == "FROM")
            {
                var from = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new Stage(from[0], from.Length == 3 && from[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? from[2] : null, []));
            }
            else
            {
                Assert.NotEmpty(stages); // nothing but comments before the first FROM
                stages[^1].Instructions.Add(instruction);
            }
        }

        return stages;
    }
}
