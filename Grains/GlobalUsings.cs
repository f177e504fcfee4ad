global using Sessions.Configuration;
global using Sessions.Grains.Interfaces;
