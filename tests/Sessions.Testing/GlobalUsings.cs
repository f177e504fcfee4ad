global using Sessions.AspNetCore;
global using Sessions.Configuration;
global using Sessions.Grains;
global using Sessions.Grains.Interfaces;
global using Sessions.Tests.Fixtures;
