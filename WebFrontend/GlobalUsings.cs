global using Sessions.AspNetCore;
global using Sessions.Configuration;
global using Sessions.Grains.Interfaces;
global using Sessions.WebFrontend;
global using Sessions.WebFrontend.Auth;
