global using Sessions.Grains.Interfaces;
global using Sessions.WebFrontend.Cookies;
global using Sessions.WebFrontend.Session;
global using Sessions.WebFrontend;
global using Sessions.WebFrontend.Auth;
