namespace LabRunner;

/// <summary>A mistake the user can fix (bad path, bad option, invalid lab). Shown as one message, exit code 2, no stack trace.</summary>
public class UserErrorException(string message) : Exception(message);
