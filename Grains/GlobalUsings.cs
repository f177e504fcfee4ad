global using Sessions.Grains.Interfaces;
