// The CourseNotes runner: executes and verifies notebooks through the C# kernel (see RunnerCommand).
return CourseNotes.Runner.RunnerCommand.Run(args, Console.Out, Console.Error);
