// The C# Jupyter kernel of CourseNotes: see KernelCommand for the command line.
return CourseNotes.Kernel.KernelCommand.Run(args);
