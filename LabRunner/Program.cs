return await LabRunner.Cli.CliApp.RunAsync(args);
