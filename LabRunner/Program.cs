// The real process: after Ctrl+C, SIGTERM or SIGHUP, commands get 25 s to unwind before the process exits on its own: a
// last resort (the TUI removes its sandbox and ends within about a second, also when its terminal is gone).
LabRunner.StartTrace.Mark("Main");
var code = await LabRunner.Cli.CliApp.RunAsync(args, exitAfterSignal: TimeSpan.FromSeconds(25));
LabRunner.StartTrace.Write();
return code;
