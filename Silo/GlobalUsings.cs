global using Sessions.Configuration;
global using Sessions.Hosting;
global using Sessions.Storage;
