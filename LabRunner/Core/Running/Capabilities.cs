namespace LabRunner.Running;

/// <summary>What this engine can run, for tests and tools that must not assume more.</summary>
public static class Capabilities
{
    /// <summary>
    /// Labs may have several servers (pg_createcluster, psql -p 5433), edit their configuration files and restart them,
    /// confined to the sandbox. False until the sandbox of servers lands; the course corpus check then runs those labs too.
    /// </summary>
    public static bool SandboxOfServers => true;
}
