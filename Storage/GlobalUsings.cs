global using Orleans;
global using Sessions.Configuration;
global using Sessions.Grains;
global using Sessions.Grains.Interfaces;
