package web

// apiRoutes is the JSON API's part of the route table.
func (s *Server) apiRoutes() []Route { return nil }
