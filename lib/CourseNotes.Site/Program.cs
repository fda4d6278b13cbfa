return CourseNotes.Site.SiteCommand.Run(args, Console.Out, Console.Error);
