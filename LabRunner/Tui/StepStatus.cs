namespace LabRunner.Tui;

/// <summary>A step's mark in the tree.</summary>
public enum StepStatus { NotRun, Running, Passed, Failed, Error }
