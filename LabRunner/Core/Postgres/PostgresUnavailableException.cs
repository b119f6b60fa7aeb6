namespace LabRunner.Postgres;

/// <summary>An environment problem the user must fix (no binaries, no postgres user, server won't start). Shown without a stack trace; exit code 2.</summary>
public sealed class PostgresUnavailableException(string message) : Exception(message);
