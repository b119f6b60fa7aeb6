namespace LabRunner.Setup;

/// <summary>Software is missing and was not (or could not be) installed: one line, exit code 2.</summary>
public sealed class MissingSoftwareException(string message, MissingSoftware missing) : UserErrorException(message)
{
    public MissingSoftware Missing { get; } = missing;
}
