namespace LabRunner.Labs;

/// <summary>How bad a problem in a lab file is: errors make `validate` fail, warnings are only shown.</summary>
public enum Severity { Error, Warning }
